import { Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { TestForecast } from '../api/campaigns';

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** The test in the live forecast: the sample goes out first, split per variant, then the rollout to the rest. */
export function TestForecastRows({ test }: { test: TestForecast | null | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!test) return null;
  const share =
    test.shareOfAudience === null
      ? ''
      : ` (${new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(test.shareOfAudience)})`;
  return (
    <Stack gap={4} data-testid="forecast-test">
      <Divider label={t('campaignTest.forecast.title')} labelPosition="left" />
      <Row
        label={t('campaignTest.forecast.sample')}
        value={`${f.number(test.sampleSize)}${share}`}
        testId="forecast-test-sample"
      />
      <Row
        label={t('campaignTest.forecast.variants')}
        value={test.variants.map((v) => `${v.label} ${f.number(v.contacts)}`).join(' · ')}
        testId="forecast-test-variants"
      />
      <Row
        label={t('campaignTest.forecast.rollout')}
        value={t('campaignTest.forecast.rolloutAfter', {
          contacts: f.number(test.rolloutSize),
          days: test.durationDays,
        })}
        testId="forecast-test-rollout"
      />
      {test.enough === false && test.minimum && (
        <Text size="xs" c="orange.8" data-testid="forecast-test-too-few">
          {t('campaignTest.forecast.tooFew', { minimum: f.number(test.minimum.perVariant) })}
        </Text>
      )}
      {!test.fitsAudience && (
        <Text size="xs" c="red.7">
          {t('campaignTest.forecast.capped')}
        </Text>
      )}
    </Stack>
  );
}
