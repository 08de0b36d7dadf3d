import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  builtInPlanningSettings,
  type PlanningSettings,
  planningSettingsSchema,
} from '@relance/domain/planning/planning-settings';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { ApiError } from '../../../lib/api-error';
import { getPlanningSettings, savePlanningSettings } from '../api/planning-settings';
import { AttributionCard } from './attribution-card';
import { PlanningRatesCard } from './planning-rates-card';
import { PlanningUnitCostsCard } from './planning-unit-costs-card';
import { PostageTableCard } from './postage-table-card';
import { numberInput, percentInput } from './settings-number-props';

const KEY = ['settings', 'planning'];

/**
 * `/settings/planning`: the workspace's planning defaults (unit costs per channel, postage table, rates and
 * returns, offer warnings). The same zod schema checks the form and the API; nothing is saved while a field is
 * wrong, and the API's field errors show next to their field.
 */
export function PlanningSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getPlanningSettings(signal) });
  const form = useForm<PlanningSettings>({
    initialValues: builtInPlanningSettings(),
    validate: (values) => {
      const parsed = planningSettingsSchema.safeParse(values);
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
      return errors;
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the stored values once they arrive
  useEffect(() => {
    if (current.data) {
      form.setValues(current.data);
      form.resetDirty(current.data);
    }
  }, [current.data]);
  const save = useMutation({
    mutationFn: savePlanningSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      notifications.show({ color: 'teal', message: t('planningSettings.saved') });
    },
    onError: (error) => {
      if (error instanceof ApiError) form.setErrors(error.fieldErrorRecord());
    },
  });

  if (current.isPending) return <LoadingState />;
  return (
    <>
      <PageHeader title={t('planningSettings.title')} subtitle={t('planningSettings.subtitle')} />
      <form
        onSubmit={form.onSubmit((values) => save.mutate(values))}
        noValidate
        data-testid="planning-settings"
      >
        <Stack maw={980}>
          <ProblemAlert
            error={current.error ?? save.error}
            withFieldErrors
            shownFields={Object.keys(form.errors)}
          />
          <PlanningUnitCostsCard form={form} />
          <PlanningRatesCard form={form} />
          <PostageTableCard form={form} />
          <Card withBorder>
            <Stack gap="sm">
              <div>
                <Title order={4}>{t('planningSettings.offers.title')}</Title>
                <Text size="sm" c="dimmed">
                  {t('planningSettings.offers.hint')}
                </Text>
              </div>
              <Group grow align="flex-start">
                <NumberInput
                  label={t('planningSettings.offers.threshold')}
                  description={t('planningSettings.offers.thresholdHint')}
                  data-testid="discount-threshold"
                  {...percentInput(form, 'discountWarningThreshold')}
                />
                <NumberInput
                  label={t('planningSettings.offers.days')}
                  description={t('planningSettings.offers.daysHint')}
                  allowDecimal={false}
                  data-testid="recent-discount-days"
                  {...numberInput(form, 'recentDiscountDays')}
                />
              </Group>
            </Stack>
          </Card>
          <Text size="sm" c="dimmed">
            {t('planningSettings.note')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="save-planning-settings">
              {t('planningSettings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Stack maw={980} mt="lg">
        <AttributionCard />
      </Stack>
    </>
  );
}
