import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { hasRole } from '../../app/areas';
import { useMe } from '../../app/auth/AuthProvider';
import { DigestPanel } from './DigestPanel';
import { RulesPanel } from './RulesPanel';
import { WebhooksPanel } from './WebhooksPanel';

const TABS = ['rules', 'webhooks', 'digest'] as const;
type Tab = (typeof TABS)[number];

/**
 * Rules and webhooks (OWNER/ADMIN: the server refuses others with 403), and the caller's digest (everyone). A MEMBER
 * who opens /automation sees the digest only.
 */
export function AutomationPage() {
  const { t } = useTranslation('automation');
  const me = useMe();
  const admin = hasRole(me.role, 'ADMIN');
  const [search, setSearch] = useSearchParams();
  const asked = search.get('tab') as Tab | null;
  const tab: Tab = admin ? (asked && TABS.includes(asked) ? asked : 'rules') : 'digest';

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('title')}</Title>
        <Text mt="xs">{t('intro')}</Text>
      </div>
      {admin ? (
        <Tabs
          value={tab}
          onChange={(value) => setSearch(value && value !== 'rules' ? { tab: value } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List aria-label={t('tabs.label')}>
            <Tabs.Tab value="rules">{t('tabs.rules')}</Tabs.Tab>
            <Tabs.Tab value="webhooks">{t('tabs.webhooks')}</Tabs.Tab>
            <Tabs.Tab value="digest">{t('tabs.digest')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="rules" pt="md">
            <RulesPanel />
          </Tabs.Panel>
          <Tabs.Panel value="webhooks" pt="md">
            <WebhooksPanel />
          </Tabs.Panel>
          <Tabs.Panel value="digest" pt="md">
            <DigestPanel />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <DigestPanel />
      )}
    </Stack>
  );
}
