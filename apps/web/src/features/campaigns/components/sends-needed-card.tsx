import { Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { AppError } from '@relance/domain/errors';
import { sendsNeeded } from '@relance/domain/planning/forecast';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { StepValues } from './plan-values';

/**
 * The forecast read the other way (DOMAIN.md §1.3): how many sends it takes to win N customers on a step's
 * expected response and conversion rates, against the audience. The domain's `sendsNeeded` does the sum.
 */
export function SendsNeededCard({
  steps,
  audienceSize,
}: {
  steps: StepValues[];
  audienceSize: number | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = (share: number) => `${f.number(Math.round(share * 10_000) / 100)} %`;
  const [customers, setCustomers] = useState<number | ''>(50);
  const [stepIndex, setStepIndex] = useState(0);
  const step = steps[Math.min(stepIndex, steps.length - 1)];
  if (!step) return null;

  let answer: { sends: number } | { problem: string } | null = null;
  if (customers !== '') {
    try {
      answer = {
        sends: sendsNeeded({
          customers,
          responseRate: step.responseRate,
          conversionRate: step.conversionRate,
        }),
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      answer = { problem: error.fieldErrors[0]?.message ?? error.message };
    }
  }
  const tooMany = answer && 'sends' in answer && audienceSize !== null && answer.sends > audienceSize;

  return (
    <Card withBorder data-testid="sends-needed">
      <Stack gap="xs">
        <Title order={4}>{t('sendsNeeded.title')}</Title>
        <Group grow align="flex-start">
          <NumberInput
            size="xs"
            label={t('sendsNeeded.customers')}
            min={1}
            allowDecimal={false}
            thousandSeparator=" "
            value={customers}
            data-testid="sends-needed-customers"
            onChange={(v) => setCustomers(v === '' ? '' : Number(v))}
          />
          <Select
            size="xs"
            label={t('sendsNeeded.onStep')}
            allowDeselect={false}
            value={String(Math.min(stepIndex, steps.length - 1))}
            data={steps.map((s, i) => ({
              value: String(i),
              label: `${i + 1} · ${t(`channels.${s.channel}`)}`,
            }))}
            onChange={(v) => setStepIndex(Number(v))}
          />
        </Group>
        {answer && 'sends' in answer && (
          <Text size="sm" data-testid="sends-needed-answer">
            {t('sendsNeeded.answer', {
              sends: f.number(answer.sends),
              customers: f.number(customers || 0),
              response: pct(step.responseRate),
              conversion: pct(step.conversionRate),
            })}
          </Text>
        )}
        {answer && 'problem' in answer && (
          <Text size="sm" c="red">
            {answer.problem}
          </Text>
        )}
        {tooMany && (
          <Text size="sm" c="orange.8" data-testid="sends-needed-too-many">
            {t('sendsNeeded.tooMany', { audience: f.number(audienceSize ?? 0) })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
