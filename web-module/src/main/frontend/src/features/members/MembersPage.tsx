import { Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiKeysTab } from './ApiKeysTab';
import { InvitationsTab } from './InvitationsTab';
import { PeopleTab } from './PeopleTab';

const TABS = ['people', 'invitations', 'api-keys'] as const;
type Tab = (typeof TABS)[number];

/** /members, /members/invitations, /members/api-keys: one tab each, so every tab has its own address. */
export function MembersPage() {
  const { t } = useTranslation('members');
  const navigate = useNavigate();
  const { tab } = useParams();
  const current: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'people';
  return (
    <>
      <Title order={1} mb="md">
        {t('title')}
      </Title>
      <Tabs
        value={current}
        onChange={(value) => navigate(value === 'people' || !value ? '/members' : `/members/${value}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="people">{t('tabs.people')}</Tabs.Tab>
          <Tabs.Tab value="invitations">{t('tabs.invitations')}</Tabs.Tab>
          <Tabs.Tab value="api-keys">{t('tabs.apiKeys')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="people">
          <PeopleTab />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys">
          <ApiKeysTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
