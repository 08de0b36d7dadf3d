import { Button, Grid, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  DEFAULT_WINBACK_SETTINGS,
  type WinbackSettings,
  winbackSettingsSchema,
} from '@relance/domain/winback/settings';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { getWinbackSettings, saveWinbackSettings } from '../api/winback';
import { InactivitySettings } from './inactivity-settings';
import { ScoringSettings } from './scoring-settings';
import { SignalSettings } from './signal-settings';

const KEY = ['settings', 'winback'];

/** The win-back settings, checked by the same zod schema as the API; saving recomputes every customer. */
export function WinbackSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getWinbackSettings(signal) });
  const form = useForm<WinbackSettings>({
    initialValues: DEFAULT_WINBACK_SETTINGS,
    validate: (values) => {
      const parsed = winbackSettingsSchema.safeParse(values);
      return parsed.success
        ? {}
        : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the stored values once they arrive
  useEffect(() => {
    if (current.data) form.setValues(current.data);
  }, [current.data]);
  const save = useMutation({
    mutationFn: saveWinbackSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      void queryClient.invalidateQueries({ queryKey: ['winback'] });
      notifications.show({ color: 'teal', message: t('winback.settings.saved') });
    },
    onError: (error) => {
      if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
    },
  });
  if (current.isPending) return <LoadingState />;
  return (
    <>
      <PageHeader title={t('winback.settings.title')} subtitle={t('winback.settings.subtitle')} />
      <form
        onSubmit={form.onSubmit((values) => save.mutate(values))}
        noValidate
        data-testid="winback-settings"
      >
        <Stack>
          <ProblemAlert error={current.error ?? save.error} withFieldErrors />
          <Grid gutter="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <InactivitySettings form={form} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <SignalSettings form={form} />
            </Grid.Col>
          </Grid>
          <ScoringSettings form={form} />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="winback-settings-save">
              {t('winback.settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
