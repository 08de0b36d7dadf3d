import { LineChart } from '@mantine/charts';
import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';
import type { BehindAlert, CampaignBoard } from '../api/board';
import { percent } from './figure-format';

/**
 * Actual cumulative returns (responders) day by day against the milestone plan, per phase (test, rollout), and
 * the steps behind the plan: by how much, from which milestone, and the reminder step to add in the builder.
 */
export function ReturnsPanel({ board }: { board: CampaignBoard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const charts = board.returns.charts;
  const [phase, setPhase] = useState(charts.at(-1)?.phase ?? 'rollout');
  const chart = charts.find((c) => c.phase === phase) ?? charts.at(-1);
  return (
    <Card withBorder data-testid="board-returns">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('board.returns.title')}</Title>
        {charts.length > 1 && (
          <SegmentedControl
            size="xs"
            value={chart?.phase ?? phase}
            onChange={(v) => setPhase(v as typeof phase)}
            data={charts.map((c) => ({ value: c.phase, label: t(`board.phase.${c.phase}`) }))}
          />
        )}
      </Group>
      <Stack>
        {board.returns.alerts.map((a) => (
          <BehindAlertBox key={`${a.phase}/${a.stepId}`} alert={a} campaignId={board.campaign.id} />
        ))}
        {chart ? (
          <>
            <Text size="sm" c="dimmed">
              {t('board.returns.subtitle', { date: f.date(chart.startsAt), day: chart.today })}
            </Text>
            <LineChart
              h={260}
              data={chart.points.map((p) => ({
                day: `D+${p.day}`,
                expected: Math.round(p.expected * 10) / 10,
                actual: p.actual,
              }))}
              dataKey="day"
              series={[
                {
                  name: 'expected',
                  label: t('board.returns.expected'),
                  color: 'gray.6',
                  strokeDasharray: '5 5',
                },
                { name: 'actual', label: t('board.returns.actual'), color: 'blue.6' },
              ]}
              curveType="linear"
              withLegend
              withDots={false}
              valueFormatter={(v) => f.number(Math.round(v))}
              referenceLines={[{ x: `D+${chart.today}`, label: t('board.returns.today'), color: 'red.5' }]}
            />
          </>
        ) : (
          <Text c="dimmed" size="sm">
            {t('board.returns.none')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** A step behind its plan: by how much, since which milestone, and the reminder to add. */
function BehindAlertBox({ alert, campaignId }: { alert: BehindAlert; campaignId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Alert
      color="orange"
      title={t('board.behind.title', { step: alert.position })}
      data-testid="board-behind"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {t('board.behind.body', {
            phase: t(`board.phase.${alert.phase}`),
            milestone: alert.fromMilestone,
            actual: f.number(alert.actual),
            expected: f.number(Math.round(alert.expected)),
            shortfall: percent(f, alert.shortfallRate),
          })}
        </Text>
        <Text size="sm" fw={500}>
          {t('board.behind.suggestion', {
            channel: t(`board.channel.${alert.suggestion.channel}`),
            day: alert.suggestion.offsetDays,
          })}
        </Text>
        <Button component={Link} to={`/campaigns/${campaignId}`} size="xs" variant="light" color="orange">
          {t('board.behind.openBuilder')}
        </Button>
      </Stack>
    </Alert>
  );
}
