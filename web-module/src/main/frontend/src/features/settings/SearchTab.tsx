import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Loading } from '../../app/ui/Loading';
import { ProblemAlert } from '../../app/ui/ProblemAlert';

type Language = Schemas['TenantSearch']['language'];

export const SEARCH_LANGUAGES: readonly Language[] = ['english', 'german', 'simple'];

const KEY = ['tenant-search'] as const;

/** GET/PUT /tenant/search (SR-4): the language search stems words in (a change indexes every document again). */
export function SearchTab() {
  const { t } = useTranslation('settings');
  const setting = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/tenant/search')) });
  if (setting.isPending) return <Loading />;
  if (setting.isError) {
    return (
      <Stack align="flex-start">
        <ProblemAlert error={setting.error} />
        <Button variant="default" size="xs" onClick={() => void setting.refetch()}>
          {t('common:retry')}
        </Button>
      </Stack>
    );
  }
  return <LanguageEditor saved={setting.data.language} />;
}

function LanguageEditor({ saved }: { saved: Language }) {
  const { t } = useTranslation('settings');
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState<Language>(saved);
  const save = useMutation({
    mutationFn: (next: Language) => unwrap(api.PUT('/api/v1/tenant/search', { body: { language: next } })),
    onSuccess: (answer) => {
      queryClient.setQueryData(KEY, answer);
      setLanguage(answer.language);
    },
  });
  return (
    <form
      noValidate
      data-testid="search-language"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(language);
      }}
    >
      <Stack maw={640}>
        <Text>{t('search.intro')}</Text>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('search.saved')}
          </Alert>
        )}
        <ProblemAlert error={save.error} />
        <Radio.Group
          label={t('search.language')}
          description={t('search.languageHint')}
          value={language}
          onChange={(value) => {
            setLanguage(value as Language);
            save.reset();
          }}
        >
          <Stack gap={6} mt="xs">
            {SEARCH_LANGUAGES.map((value) => (
              <Radio key={value} value={value} label={t(`search.languages.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('search.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
