import { Group, NumberInput, Stack, Text } from '@mantine/core';
import type { MilestoneCurve } from '@relance/domain/planning/milestones';
import { expectedReturnsByMilestone, MILESTONE_DAYS } from '@relance/domain/planning/milestones';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

const W = 320;
const H = 150;
const PAD = { left: 36, right: 10, top: 14, bottom: 24 };

/**
 * Expected cumulative returns at D+1, D+3, D+7, D+14 and D+30: bars on a small SVG, the count above each.
 * The curve is editable (shares in %); the default is the first step's channel curve.
 */
export function MilestoneChart({
  curve,
  totalReturns,
  readOnly,
  onChange,
  errors,
}: {
  curve: MilestoneCurve;
  totalReturns: number;
  readOnly: boolean;
  onChange: (curve: number[]) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const points = expectedReturnsByMilestone(curve, totalReturns);
  const max = Math.max(1, ...points.map((p) => p.returns));
  const slot = (W - PAD.left - PAD.right) / points.length;
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  return (
    <Stack gap="xs" data-testid="milestones">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={t('campaigns.forecast.milestonesChart')}
        style={{ display: 'block' }}
      >
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-4)" />
        <text
          x={PAD.left - 4}
          y={y(max) + 4}
          fontSize="9"
          textAnchor="end"
          fill="var(--mantine-color-gray-6)"
        >
          {f.number(max)}
        </text>
        <text x={PAD.left - 4} y={y(0)} fontSize="9" textAnchor="end" fill="var(--mantine-color-gray-6)">
          0
        </text>
        {points.map((p, i) => {
          const x = PAD.left + i * slot + slot * 0.2;
          const top = y(p.returns);
          return (
            <g key={p.day} data-testid={`milestone-d${p.day}`} data-returns={p.returns}>
              <rect
                x={x}
                y={top}
                width={slot * 0.6}
                height={Math.max(0, y(0) - top)}
                rx={3}
                fill="var(--mantine-color-teal-6)"
              />
              <text
                x={x + slot * 0.3}
                y={top - 3}
                fontSize="10"
                textAnchor="middle"
                fill="var(--mantine-color-dark-6)"
              >
                {f.number(p.returns)}
              </text>
              <text
                x={x + slot * 0.3}
                y={H - 8}
                fontSize="10"
                textAnchor="middle"
                fill="var(--mantine-color-gray-7)"
              >
                D+{p.day}
              </text>
            </g>
          );
        })}
      </svg>
      <Text size="xs" c="dimmed">
        {t('campaigns.forecast.milestonesShares')}
      </Text>
      <Group gap={4} grow wrap="nowrap">
        {MILESTONE_DAYS.map((day, i) => (
          <NumberInput
            key={day}
            size="xs"
            aria-label={`D+${day}`}
            label={`D+${day}`}
            suffix=" %"
            min={0}
            max={100}
            decimalScale={1}
            hideControls
            disabled={readOnly}
            value={Math.round(curve[i]! * 1000) / 10}
            error={errors[`milestones.${i}`]}
            onChange={(v) => {
              const next = [...curve];
              next[i] = Number(v) / 100;
              onChange(next);
            }}
          />
        ))}
      </Group>
    </Stack>
  );
}
