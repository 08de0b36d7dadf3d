import { Badge, Card, Group, SimpleGrid, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { ContactDetail } from '../api/schemas';

const TIER_COLORS = { gold: 'yellow', basic: 'blue', low: 'gray' } as const;

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </div>
  );
}

/** The customer's indicators as the worker last computed them: tier, RFM, basket, frequency, trend, complaints. */
export function IndicatorsCard({ indicators }: { indicators: ContactDetail['indicators'] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (!indicators) {
    return (
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('indicators.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('indicators.pending')}
        </Text>
      </Card>
    );
  }
  const percent = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const { recencyScore: r, frequencyScore: fr, monetaryScore: m } = indicators;
  return (
    <Card withBorder data-testid="indicators">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('indicators.title')}</Title>
        {indicators.tier ? (
          <Badge color={TIER_COLORS[indicators.tier]} variant="light" data-testid="tier">
            {t(`indicators.tiers.${indicators.tier}`)}
          </Badge>
        ) : (
          <Badge color="gray" variant="outline" data-testid="tier">
            {t('indicators.noTier')}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Tooltip label={t('indicators.rfmHelp')}>
          <div>
            <Figure label={t('indicators.rfm')} value={r && fr && m ? `${r} ${fr} ${m}` : '—'} testId="rfm" />
          </div>
        </Tooltip>
        <Figure label={t('indicators.basket')} value={f.money(indicators.averageBasketCents)} />
        <Figure
          label={t('indicators.frequency')}
          value={indicators.ordersPerYear === null ? '—' : decimal.format(indicators.ordersPerYear)}
        />
        <Figure label={t('indicators.margin')} value={f.money(indicators.marginCents)} />
        <Figure
          label={t('indicators.trend')}
          value={
            indicators.revenueTrend === null
              ? t('indicators.noTrend')
              : percent.format(indicators.revenueTrend)
          }
          testId="trend"
        />
        <Figure label={t('indicators.complaints')} value={f.number(indicators.complaintCount)} />
        <Figure label={t('indicators.afterSales')} value={f.number(indicators.afterSalesCount)} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('indicators.computedAt', { date: f.dateTime(indicators.computedAt) })}
      </Text>
    </Card>
  );
}
