import { Card, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { LOST_REASONS, type LostReason } from '@relance/domain/winback/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useBarometer } from '../hooks/use-winback';

const W = 560;
const H = 200;
const PAD = { left: 30, right: 8, top: 10, bottom: 24 };
const COLOURS: Record<LostReason, string> = {
  price: 'var(--mantine-color-red-6)',
  quality: 'var(--mantine-color-orange-6)',
  service: 'var(--mantine-color-yellow-6)',
  competitor: 'var(--mantine-color-grape-6)',
  moved: 'var(--mantine-color-blue-6)',
  business_closed: 'var(--mantine-color-gray-6)',
  no_need: 'var(--mantine-color-cyan-6)',
  other: 'var(--mantine-color-gray-4)',
};

/** The lost-customers barometer: one stacked bar per month, a colour per reason; the competitors below. */
export function BarometerChart() {
  const { t } = useTranslation();
  const f = useFormat();
  const [months, setMonths] = useState('12');
  const barometer = useBarometer(Number(months));
  const monthLabel = new Intl.DateTimeFormat(f.locale, { month: 'short', timeZone: 'UTC' });
  return (
    <Card withBorder data-testid="barometer">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>{t('winback.barometer.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('winback.barometer.subtitle')}
          </Text>
        </div>
        <SegmentedControl
          size="xs"
          value={months}
          onChange={setMonths}
          aria-label={t('winback.barometer.months')}
          data={['6', '12', '24'].map((m) => ({ value: m, label: m }))}
        />
      </Group>
      {barometer.isPending ? (
        <LoadingState />
      ) : barometer.isError ? (
        <ProblemAlert error={barometer.error} />
      ) : (
        (() => {
          const data = barometer.data;
          const max = Math.max(1, ...data.months.map((m) => m.total));
          const slot = (W - PAD.left - PAD.right) / Math.max(1, data.months.length);
          const bar = Math.max(4, slot * 0.7);
          const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
          const used = LOST_REASONS.filter((r) => data.months.some((m) => (m.counts[r] ?? 0) > 0));
          return (
            <Stack gap="xs" mt="sm">
              <svg
                viewBox={`0 0 ${W} ${H}`}
                width="100%"
                role="img"
                aria-label={t('winback.barometer.chart')}
                style={{ display: 'block', maxWidth: 640 }}
              >
                <line
                  x1={PAD.left}
                  x2={W - PAD.right}
                  y1={y(0)}
                  y2={y(0)}
                  stroke="var(--mantine-color-gray-4)"
                />
                <text
                  x={PAD.left - 4}
                  y={y(max) + 4}
                  fontSize="10"
                  textAnchor="end"
                  fill="var(--mantine-color-gray-6)"
                >
                  {f.number(max)}
                </text>
                <text
                  x={PAD.left - 4}
                  y={y(0)}
                  fontSize="10"
                  textAnchor="end"
                  fill="var(--mantine-color-gray-6)"
                >
                  0
                </text>
                {data.months.map((m, i) => {
                  const x = PAD.left + slot * i + (slot - bar) / 2;
                  let base = 0;
                  return (
                    <g key={m.month} data-testid="barometer-month" data-month={m.month} data-total={m.total}>
                      {LOST_REASONS.map((reason) => {
                        const n = m.counts[reason] ?? 0;
                        if (n === 0) return null;
                        const top = y(base + n);
                        const height = y(base) - top;
                        base += n;
                        return (
                          <rect key={reason} x={x} y={top} width={bar} height={height} fill={COLOURS[reason]}>
                            <title>{`${m.month} · ${t(`winback.reasons.${reason}`)}: ${n}`}</title>
                          </rect>
                        );
                      })}
                      <text
                        x={x + bar / 2}
                        y={H - 8}
                        fontSize="10"
                        textAnchor="middle"
                        fill="var(--mantine-color-gray-7)"
                      >
                        {monthLabel.format(new Date(`${m.month}-01T00:00:00Z`))}
                      </text>
                    </g>
                  );
                })}
              </svg>
              {used.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="barometer-empty">
                  {t('winback.barometer.empty')}
                </Text>
              ) : (
                <Group gap="md" data-testid="barometer-legend">
                  {used.map((reason) => (
                    <Text key={reason} size="xs">
                      <span style={{ color: COLOURS[reason] }}>■</span> {t(`winback.reasons.${reason}`)} (
                      {f.number(data.months.reduce((s, m) => s + (m.counts[reason] ?? 0), 0))})
                    </Text>
                  ))}
                </Group>
              )}
              {data.competitors.length > 0 && (
                <div>
                  <Text size="sm" fw={500}>
                    {t('winback.barometer.competitors')}
                  </Text>
                  <List size="sm" data-testid="barometer-competitors">
                    {data.competitors.map((c) => (
                      <List.Item key={c.competitor}>
                        {c.competitor} ({f.number(c.count)})
                      </List.Item>
                    ))}
                  </List>
                </div>
              )}
            </Stack>
          );
        })()
      )}
    </Card>
  );
}
