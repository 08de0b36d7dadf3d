import { Card, Divider, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../lib/format';
import type { ForecastAnswer } from '../api/campaigns';
import type { StepValues } from './plan-values';
import { TestForecastRows } from './test-forecast-rows';

function Row({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
}) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} c={color} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** The live forecast of the plan being edited: audience, volumes per step, and the campaign's totals. */
export function ForecastPanel({
  answer,
  steps,
  pending,
  invalid,
  error,
}: {
  answer: ForecastAnswer | undefined;
  steps: StepValues[];
  pending: boolean;
  invalid: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const decimal = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2 });
  const percent = (x: number | null) =>
    x === null
      ? '—'
      : new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const fc = answer?.forecast;
  return (
    <Card withBorder data-testid="forecast">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('campaigns.forecast.title')}</Title>
          {pending && <Loader size="xs" data-testid="forecast-pending" />}
        </Group>
        {invalid && (
          <Text size="sm" c="orange.8" data-testid="forecast-invalid">
            {t('campaigns.forecast.invalid')}
          </Text>
        )}
        <ProblemAlert error={error} />
        {answer && fc ? (
          <>
            <Row
              label={t('campaigns.forecast.audience')}
              value={f.number(answer.audienceSize)}
              testId="forecast-audience"
            />
            <Table fz="sm" verticalSpacing={4} data-testid="forecast-steps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaigns.forecast.step')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.forecast.volume')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.forecast.sales')}</Table.Th>
                  <Table.Th ta="right">{t('campaigns.forecast.cost')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fc.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the forecast's steps are the plan's, by position
                  <Table.Tr key={i}>
                    <Table.Td>
                      {i + 1}. {t(`channels.${s.channel}`)} D+{steps[i]?.offsetDays ?? '?'}
                    </Table.Td>
                    <Table.Td ta="right" data-testid={`forecast-volume-${i + 1}`}>
                      {f.number(answer.volumes[i])}
                    </Table.Td>
                    <Table.Td ta="right">{decimal.format(s.expectedSales)}</Table.Td>
                    <Table.Td ta="right">{f.money(s.sendCents + s.returnsCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <TestForecastRows test={answer.test} />
            <Divider />
            <Row
              label={t('campaigns.forecast.responses')}
              value={decimal.format(fc.expectedResponses)}
              testId="forecast-responses"
            />
            <Row
              label={t('campaigns.forecast.expectedSales')}
              value={decimal.format(fc.expectedSales)}
              testId="forecast-sales"
            />
            <Row
              label={t('campaigns.forecast.revenue')}
              value={f.money(fc.revenueCents)}
              testId="forecast-revenue"
            />
            <Row
              label={t('campaigns.forecast.margin')}
              value={f.money(fc.marginCents)}
              testId="forecast-margin"
            />
            <Row
              label={t('campaigns.forecast.fixedCosts')}
              value={f.money(fc.fixed.totalCents)}
              testId="forecast-fixed"
            />
            <Row
              label={t('campaigns.forecast.totalCost')}
              value={f.money(fc.totalCostCents)}
              testId="forecast-total-cost"
            />
            <Row
              label={t('campaigns.forecast.costPerResponse')}
              value={f.money(fc.costPerResponseCents)}
              testId="forecast-cost-per-response"
            />
            <Row
              label={t('campaigns.forecast.costPerSale')}
              value={f.money(fc.costPerSaleCents)}
              testId="forecast-cost-per-sale"
            />
            <Row
              label={t('campaigns.forecast.roi')}
              value={percent(fc.roi)}
              testId="forecast-roi"
              color={fc.roi === null ? undefined : fc.roi < 0 ? 'red.7' : 'teal.8'}
            />
            <Row
              label={t('campaigns.forecast.breakEven')}
              value={percent(fc.breakEvenResponseRate)}
              testId="forecast-break-even"
            />
          </>
        ) : (
          !invalid && !error && <Loader size="sm" />
        )}
      </Stack>
    </Card>
  );
}
