import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { type CampaignInput, campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { WINNER_METRICS, type WinnerMetric } from '@relance/domain/planning/significance';
import { testForecast } from '@relance/domain/planning/test-forecast';
import {
  calculatorBaseline,
  minimumTestSample,
  ROLLOUT_MODES,
  type RolloutMode,
  type TestSampleAdvice,
  testGroups,
  VARIANT_LABELS,
} from '@relance/domain/planning/test-plan';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import type { ForecastAnswer } from '../api/campaigns';
import { numberProps, type PlanForm, percentProps } from './number-fields';
import { newTestPlan } from './test-plan-values';

/**
 * The campaign's test plan (DOMAIN.md §4): the sample (contacts or a share of the segment), the calculator of the
 * minimum sample to detect a lift at 95 % confidence, the duration, the winner metric and the rollout to the
 * rest. The sample is checked against the audience by the API: its refusal of the live forecast shows at the
 * sample's field before any save.
 */
export function TestPlanCard({
  form,
  plan,
  answer,
  liveError,
}: {
  form: PlanForm;
  /** the plan when it is valid (the live forecast's) */
  plan: CampaignInput | null;
  answer: ForecastAnswer | undefined;
  liveError: unknown;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const testPlan = form.values.testPlan;
  const first = form.values.steps[0];
  const percent = (x: number) =>
    new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);

  // the audience as last counted: a refused forecast (sample too large) must not hide it
  const [audience, setAudience] = useState<number | null>(null);
  useEffect(() => {
    if (answer) setAudience(answer.audienceSize);
  }, [answer]);

  const liveErrors = liveError instanceof ApiError ? liveError.fieldErrorRecord() : {};
  const errorAt = (path: string) => form.errors[path] ?? liveErrors[path];

  const groups = Math.max(2, testGroups(form.values.steps).length);
  const advice = ((): TestSampleAdvice | null => {
    if (!testPlan || !first) return null;
    try {
      return minimumTestSample({
        winnerMetric: testPlan.winnerMetric,
        ...testPlan.calculator,
        variants: groups,
        responseRate: first.responseRate,
      });
    } catch {
      // the inputs are not valid yet: their fields say why
      return null;
    }
  })();
  const fits = advice === null || audience === null || advice.total <= audience;

  // the duration the test would have without one typed: the domain's, on the plan as it stands
  const defaultDays = useMemo(() => {
    const parsed = plan ? campaignInputSchema.safeParse(plan) : null;
    if (!parsed?.success || !parsed.data.testPlan) return null;
    const { durationDays: _typed, ...rest } = parsed.data.testPlan;
    return testForecast({ ...parsed.data, testPlan: rest }, 0)?.durationDays ?? null;
  }, [plan]);

  const topError = form.errors.testPlan;
  return (
    <Card withBorder data-testid="test-plan-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('campaignTest.title')}</Title>
          <Switch
            label={t('campaignTest.enabled')}
            checked={testPlan !== null}
            data-testid="test-plan-enabled"
            onChange={(e) =>
              form.setFieldValue('testPlan', e.currentTarget.checked ? newTestPlan(first) : null)
            }
          />
        </Group>
        {typeof topError === 'string' && (
          <Text size="sm" c="red" data-testid="test-plan-error">
            {topError}
          </Text>
        )}
        {!testPlan ? (
          <Text size="sm" c="dimmed">
            {t('campaignTest.none')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('campaignTest.intro')}
            </Text>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('campaignTest.sample.label')}
              </Text>
              <Group align="flex-start">
                <SegmentedControl
                  data={[
                    { value: 'percent', label: t('campaignTest.sample.percent') },
                    { value: 'absolute', label: t('campaignTest.sample.absolute') },
                  ]}
                  data-testid="test-sample-mode"
                  {...form.getInputProps('testPlan.sample.mode')}
                />
                {testPlan.sample.mode === 'absolute' ? (
                  <NumberInput
                    aria-label={t('campaignTest.sample.size')}
                    min={1}
                    allowDecimal={false}
                    thousandSeparator=" "
                    style={{ flex: 1 }}
                    data-testid="test-sample-size"
                    {...numberProps(form, 'testPlan.sample.size')}
                    error={errorAt('testPlan.sample.size')}
                  />
                ) : (
                  <NumberInput
                    aria-label={t('campaignTest.sample.share')}
                    min={0}
                    max={100}
                    style={{ flex: 1 }}
                    data-testid="test-sample-share"
                    {...percentProps(form, 'testPlan.sample.share')}
                    error={errorAt('testPlan.sample.share')}
                  />
                )}
              </Group>
              {answer?.test && (
                <Text size="xs" c="dimmed" mt={4} data-testid="test-sample-resolved">
                  {t('campaignTest.sample.resolved', {
                    sample: f.number(answer.test.sampleSize),
                    audience: f.number(answer.audienceSize),
                  })}
                </Text>
              )}
            </div>

            <Paper withBorder p="sm" bg="gray.0" data-testid="test-calculator">
              <Stack gap="xs">
                <Text fw={500} size="sm">
                  {t('campaignTest.calculator.title')}
                </Text>
                <Group grow align="flex-start">
                  <NumberInput
                    label={t('campaignTest.calculator.baseline')}
                    description={
                      first
                        ? t('campaignTest.calculator.baselineHint', {
                            rate: percent(calculatorBaseline(testPlan.winnerMetric, first)),
                          })
                        : undefined
                    }
                    min={0}
                    max={100}
                    data-testid="test-baseline"
                    {...percentProps(form, 'testPlan.calculator.baselineRate')}
                  />
                  <NumberInput
                    label={t('campaignTest.calculator.lift')}
                    description={t('campaignTest.calculator.liftHint')}
                    min={0}
                    prefix="+"
                    data-testid="test-lift"
                    {...percentProps(form, 'testPlan.calculator.relativeLift')}
                  />
                </Group>
                <Text size="xs" c="dimmed">
                  {t('campaignTest.calculator.settings', {
                    count: groups,
                    labels: VARIANT_LABELS.slice(0, groups).join(', '),
                  })}
                </Text>
                {testPlan.winnerMetric !== 'response_rate' && (
                  <Text size="xs" c="dimmed">
                    {t(
                      testPlan.winnerMetric === 'conversion_rate'
                        ? 'campaignTest.calculator.conversionNote'
                        : 'campaignTest.calculator.revenueNote',
                    )}
                  </Text>
                )}
                {advice ? (
                  <>
                    <SimpleGrid cols={3} spacing="xs">
                      <Figure
                        label={t('campaignTest.calculator.perVariant')}
                        value={f.number(advice.perVariant)}
                        testId="test-min-per-variant"
                      />
                      <Figure
                        label={t('campaignTest.calculator.total')}
                        value={f.number(advice.total)}
                        testId="test-min-total"
                      />
                      <Figure
                        label={t('campaignTest.calculator.share')}
                        value={audience ? percent(advice.total / audience) : '—'}
                        testId="test-min-share"
                        color={fits ? undefined : 'red.7'}
                      />
                    </SimpleGrid>
                    {!fits && audience !== null && (
                      <Alert color="orange" variant="light" p="xs" data-testid="test-calculator-warning">
                        {t('campaignTest.calculator.doesNotFit', {
                          total: f.number(advice.total),
                          audience: f.number(audience),
                        })}
                      </Alert>
                    )}
                    <Group>
                      <Button
                        size="xs"
                        variant="light"
                        disabled={!fits}
                        data-testid="test-use-minimum"
                        onClick={() =>
                          form.setFieldValue('testPlan.sample', {
                            ...testPlan.sample,
                            mode: 'absolute',
                            size: advice.total,
                          })
                        }
                      >
                        {t('campaignTest.calculator.use', { total: f.number(advice.total) })}
                      </Button>
                    </Group>
                  </>
                ) : (
                  <Text size="xs" c="orange.8">
                    {t('campaignTest.calculator.invalid')}
                  </Text>
                )}
              </Stack>
            </Paper>

            <Group grow align="flex-start">
              <Select
                label={t('campaignTest.winnerMetric')}
                data={WINNER_METRICS.map((m) => ({ value: m, label: t(`campaignTest.metrics.${m}`) }))}
                allowDeselect={false}
                data-testid="test-winner-metric"
                value={testPlan.winnerMetric}
                error={form.errors['testPlan.winnerMetric']}
                onChange={(v) => {
                  if (!v) return;
                  const metric = v as WinnerMetric;
                  form.setFieldValue('testPlan.winnerMetric', metric);
                  // the baseline is the new metric's rate
                  if (first)
                    form.setFieldValue('testPlan.calculator.baselineRate', calculatorBaseline(metric, first));
                }}
              />
              <NumberInput
                label={t('campaignTest.duration')}
                description={
                  defaultDays !== null ? t('campaignTest.durationDefault', { days: defaultDays }) : undefined
                }
                placeholder={defaultDays !== null ? String(defaultDays) : undefined}
                min={1}
                allowDecimal={false}
                data-testid="test-duration"
                value={testPlan.durationDays ?? ''}
                error={form.errors['testPlan.durationDays']}
                onChange={(v) =>
                  form.setFieldValue(
                    'testPlan.durationDays',
                    v === '' ? null : typeof v === 'number' ? v : Number.parseInt(v, 10),
                  )
                }
              />
            </Group>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('campaignTest.rollout.label')}
              </Text>
              <SegmentedControl
                data={ROLLOUT_MODES.map((m) => ({ value: m, label: t(`campaignTest.rollout.${m}`) }))}
                data-testid="test-rollout"
                value={testPlan.rollout}
                onChange={(v) => form.setFieldValue('testPlan.rollout', v as RolloutMode)}
              />
              <Text
                size="xs"
                c={form.errors['testPlan.rollout'] ? 'red' : 'dimmed'}
                mt={4}
                data-testid="test-rollout-hint"
              >
                {form.errors['testPlan.rollout'] ?? t(`campaignTest.rollout.${testPlan.rollout}Hint`)}
              </Text>
            </div>
          </>
        )}
      </Stack>
    </Card>
  );
}

function Figure({
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
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} c={color} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
