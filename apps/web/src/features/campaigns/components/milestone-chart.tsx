import { Button, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import {
  defaultMilestoneCurve,
  expectedReturnsTimeline,
  MILESTONE_DAYS,
  type MilestoneCurve,
  type TimelineStep,
} from '@relance/domain/planning/milestones';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';

const W = 340;
const H = 170;
const PAD = { left: 36, right: 12, top: 12, bottom: 22 };
const COLOURS: Record<Channel, string> = {
  postal: 'var(--mantine-color-orange-6)',
  email: 'var(--mantine-color-blue-6)',
  sms: 'var(--mantine-color-grape-6)',
  voice: 'var(--mantine-color-cyan-6)',
  phone: 'var(--mantine-color-green-7)',
};

/**
 * The milestone plan: cumulative expected returns day by day, one line per channel and the campaign's total,
 * each step's returns spread along its own curve from its own day (domain `expectedReturnsTimeline`). Below,
 * the totals at the campaign's D+1 … D+30 and at the end, and the curve of one step, editable.
 */
export function MilestoneChart({
  steps,
  readOnly,
  onCurveChange,
  errors,
}: {
  steps: readonly TimelineStep[];
  readOnly: boolean;
  onCurveChange: (stepIndex: number, curve: number[]) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [selected, setSelected] = useState(0);
  const timeline = expectedReturnsTimeline(steps);
  const lastDay = timeline.at(-1)!.day;
  const max = Math.max(1, ...timeline.map((p) => p.total));
  const x = (day: number) => PAD.left + ((W - PAD.left - PAD.right) * day) / Math.max(1, lastDay);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const channels = CHANNELS.filter((c) => steps.some((s) => s.channel === c));
  const line = (value: (p: (typeof timeline)[number]) => number) =>
    timeline.map((p) => `${x(p.day).toFixed(1)},${y(value(p)).toFixed(1)}`).join(' ');
  const marks = [...new Set([...MILESTONE_DAYS.filter((d) => d < lastDay), lastDay])];
  const step = Math.min(selected, steps.length - 1);
  const curve = steps[step]?.curve;

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
          {f.number(Math.round(max))}
        </text>
        <text x={PAD.left - 4} y={y(0)} fontSize="9" textAnchor="end" fill="var(--mantine-color-gray-6)">
          0
        </text>
        {marks.map((day, i) => (
          <g key={day}>
            <line x1={x(day)} x2={x(day)} y1={PAD.top} y2={y(0)} stroke="var(--mantine-color-gray-2)" />
            {/* a label only where it does not run into the previous one (D+1, D+3 and D+7 are close) */}
            {(i === 0 || x(day) - x(marks[i - 1]!) >= 22 || i === marks.length - 1) && (
              <text x={x(day)} y={H - 8} fontSize="9" textAnchor="middle" fill="var(--mantine-color-gray-7)">
                D+{day}
              </text>
            )}
          </g>
        ))}
        {channels.length > 1 &&
          channels.map((c) => (
            <polyline
              key={c}
              points={line((p) => p.byChannel[c] ?? 0)}
              fill="none"
              stroke={COLOURS[c]}
              strokeWidth={1.5}
              strokeDasharray="4 2"
            />
          ))}
        <polyline
          points={line((p) => p.total)}
          fill="none"
          stroke="var(--mantine-color-teal-7)"
          strokeWidth={2.5}
        />
      </svg>
      <Group gap="sm">
        <Text size="xs" c="teal.7" fw={600}>
          ━ {t('milestonePlan.total')}
        </Text>
        {channels.length > 1 &&
          channels.map((c) => (
            <Text key={c} size="xs" style={{ color: COLOURS[c] }}>
              ┅ {t(`channels.${c}`)}
            </Text>
          ))}
      </Group>
      <Table fz="xs" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            {marks.map((day) => (
              <Table.Th key={day} ta="right">
                D+{day}
              </Table.Th>
            ))}
          </Table.Tr>
          <Table.Tr>
            {marks.map((day) => {
              const returns = Math.round(timeline[day]!.total);
              return (
                <Table.Td key={day} ta="right" data-testid={`milestone-d${day}`} data-returns={returns}>
                  {f.number(returns)}
                </Table.Td>
              );
            })}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {curve && (
        <Stack gap={4}>
          <Group justify="space-between" align="flex-end">
            <Select
              size="xs"
              label={t('milestonePlan.stepCurve')}
              data-testid="milestone-step"
              allowDeselect={false}
              value={String(step)}
              data={steps.map((s, i) => ({
                value: String(i),
                label: `${i + 1} · ${t(`channels.${s.channel}`)} · D+${s.offsetDays}`,
              }))}
              onChange={(v) => setSelected(Number(v))}
            />
            {!readOnly && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => onCurveChange(step, [...defaultMilestoneCurve(steps[step]!.channel)])}
              >
                {t('milestonePlan.reset')}
              </Button>
            )}
          </Group>
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
                data-testid={`curve-d${day}`}
                value={Math.round(curve[i]! * 1000) / 10}
                error={
                  errors[`steps.${step}.milestones.${i}`] ??
                  (i === 0 ? errors[`steps.${step}.milestones`] : undefined)
                }
                onChange={(v) => {
                  const next: number[] = [...(curve as MilestoneCurve)];
                  next[i] = Number(v) / 100;
                  onCurveChange(step, next);
                }}
              />
            ))}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
