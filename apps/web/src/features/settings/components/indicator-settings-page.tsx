import { Button, Card, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type IndicatorSettings, indicatorSettingsSchema } from '@relance/domain/indicators';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { getIndicatorSettings, saveIndicatorSettings } from '../api/indicator-settings';

const KEY = ['settings', 'indicators'];

/** Tier basis and shares, trend and complaint windows: the same zod schema checks the form and the API. */
export function IndicatorSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getIndicatorSettings(signal) });
  const form = useForm<IndicatorSettings>({
    initialValues: {
      tierBasis: 'revenue',
      goldShare: 0.2,
      lowShare: 0.2,
      trendWindowDays: 180,
      complaintWindowDays: 365,
    },
    validate: (values) => {
      const parsed = indicatorSettingsSchema.safeParse(values);
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
    mutationFn: saveIndicatorSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      notifications.show({ color: 'teal', message: t('settings.saved') });
    },
    onError: (error) => {
      if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
    },
  });

  if (current.isPending) return <LoadingState />;
  const percent = (field: 'goldShare' | 'lowShare') => ({
    ...form.getInputProps(field),
    value: Math.round(form.values[field] * 100),
    onChange: (v: string | number) => form.setFieldValue(field, Number(v) / 100),
  });
  return (
    <>
      <PageHeader title={t('settings.indicatorsTitle')} subtitle={t('settings.indicatorsSubtitle')} />
      <Card withBorder maw={640}>
        <form
          onSubmit={form.onSubmit((values) => save.mutate(values))}
          noValidate
          data-testid="indicator-settings"
        >
          <Stack>
            <ProblemAlert error={current.error ?? save.error} />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('settings.tierBasis')}
              </Text>
              <SegmentedControl
                data={[
                  { value: 'revenue', label: t('settings.basis.revenue') },
                  { value: 'margin', label: t('settings.basis.margin') },
                ]}
                {...form.getInputProps('tierBasis')}
              />
            </div>
            <Group grow>
              <NumberInput
                label={t('settings.goldShare')}
                suffix=" %"
                min={1}
                max={99}
                {...percent('goldShare')}
              />
              <NumberInput
                label={t('settings.lowShare')}
                suffix=" %"
                min={1}
                max={99}
                {...percent('lowShare')}
              />
            </Group>
            <Group grow>
              <NumberInput
                label={t('settings.trendWindowDays')}
                min={30}
                max={730}
                {...form.getInputProps('trendWindowDays')}
              />
              <NumberInput
                label={t('settings.complaintWindowDays')}
                min={7}
                max={1095}
                {...form.getInputProps('complaintWindowDays')}
              />
            </Group>
            <Text size="sm" c="dimmed">
              {t('settings.recomputeNote')}
            </Text>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('settings.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
