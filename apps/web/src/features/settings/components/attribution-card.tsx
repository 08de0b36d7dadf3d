import { Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import {
  getAttributionSettings,
  getConversionCounts,
  saveAttributionSettings,
} from '../api/attribution-settings';

const KEY = ['settings', 'attribution'] as const;

/**
 * The attribution window (a sale reported without a code is credited to the last send to the contact within it),
 * with the count of conversions credited to no send. Its own form: saved apart from the planning defaults.
 */
export function AttributionCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getAttributionSettings(signal) });
  const counts = useQuery({
    queryKey: ['conversions', 'summary'],
    queryFn: ({ signal }) => getConversionCounts(signal),
  });
  const [days, setDays] = useState<string | number>('');
  useEffect(() => {
    if (current.data) setDays(current.data.windowDays);
  }, [current.data]);
  const save = useMutation({
    mutationFn: (windowDays: number) => saveAttributionSettings({ windowDays }),
    onSuccess: (saved) => queryClient.setQueryData(KEY, saved),
  });
  const error = save.error instanceof ApiError ? save.error.fieldError('windowDays') : undefined;

  return (
    <Card withBorder data-testid="attribution-settings">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(typeof days === 'number' ? days : Number.parseInt(days, 10));
        }}
      >
        <Stack gap="sm">
          <div>
            <Title order={4}>{t('attribution.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('attribution.hint')}
            </Text>
          </div>
          <Group align="flex-end">
            <NumberInput
              label={t('attribution.windowDays')}
              value={days}
              onChange={setDays}
              min={1}
              max={365}
              allowDecimal={false}
              suffix={` ${t('attribution.days')}`}
              error={error}
              data-testid="attribution-window"
            />
            <Button type="submit" loading={save.isPending} data-testid="save-attribution">
              {t('attribution.save')}
            </Button>
            {save.isSuccess && (
              <Text size="sm" c="teal">
                {t('attribution.saved')}
              </Text>
            )}
          </Group>
          <ProblemAlert error={current.error ?? (error ? null : save.error)} />
          {counts.data && (
            <Text size="sm" data-testid="attribution-unattributed">
              {t('attribution.unattributed', {
                count: counts.data.unattributed.count,
                amount: f.money(counts.data.unattributed.salesCents),
                total: counts.data.total.count,
              })}
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
