import { Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { SearchTab } from './SearchTab';
import { SecurityTab } from './SecurityTab';
import { SsoTab } from './SsoTab';

const TABS = ['security', 'sso', 'search'] as const;
type Tab = (typeof TABS)[number];

/** /settings/security, /settings/sso, /settings/search (one tab per setting of the organisation, each with its own address). */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const navigate = useNavigate();
  const { tab } = useParams();
  const current: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'security';
  return (
    <>
      <Title order={1} mb="md">
        {t('title')}
      </Title>
      <Tabs value={current} onChange={(value) => navigate(`/settings/${value ?? 'security'}`)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="security">{t('tabs.security')}</Tabs.Tab>
          <Tabs.Tab value="sso">{t('tabs.sso')}</Tabs.Tab>
          <Tabs.Tab value="search">{t('tabs.search')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="security">
          <SecurityTab />
        </Tabs.Panel>
        <Tabs.Panel value="sso">
          <SsoTab />
        </Tabs.Panel>
        <Tabs.Panel value="search">
          <SearchTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
