import { Alert, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { CALL_OUTCOMES } from '@relance/domain/callbacks/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useCallStats, useFeedNow } from '../hooks/use-callbacks';
import { CallingRulesCard } from './calling-rules-card';
import { useQueueName } from './queue-name';

/** Managers' view: queue sizes and ages, each agent's productivity, outcomes per campaign. */
export function CallCentrePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const queueName = useQueueName();
  const [days, setDays] = useState('7');
  const stats = useCallStats(Number(days));
  const feed = useFeedNow();
  const can = useCan();
  const pct = (v: number) => `${f.number(Math.round(v * 1000) / 10)} %`;
  const duration = (seconds: number | null) => {
    if (seconds === null) return '—';
    if (seconds < 3600) return t('callbacks.duration.minutes', { n: Math.max(1, Math.round(seconds / 60)) });
    if (seconds < 86_400) return t('callbacks.duration.hours', { n: Math.round(seconds / 3600) });
    return t('callbacks.duration.days', { n: Math.round(seconds / 86_400) });
  };
  const data = stats.data;
  return (
    <>
      <PageHeader
        title={t('callbacks.manager.title')}
        subtitle={t('callbacks.manager.subtitle')}
        actions={
          <Group>
            <SegmentedControl
              value={days}
              onChange={setDays}
              aria-label={t('callbacks.manager.period')}
              data={[
                { value: '1', label: t('callbacks.manager.days1') },
                { value: '7', label: t('callbacks.manager.days7') },
                { value: '30', label: t('callbacks.manager.days30') },
              ]}
            />
            <Button
              variant="light"
              onClick={() => feed.mutate()}
              loading={feed.isPending}
              data-testid="calls-feed"
            >
              {t('callbacks.manager.feed')}
            </Button>
          </Group>
        }
      />
      {feed.isSuccess && (
        <Alert color="green" variant="light" mb="md">
          {t('callbacks.manager.fed')}
        </Alert>
      )}
      <ProblemAlert error={stats.error ?? feed.error} />
      {stats.isLoading && <LoadingState />}
      {data && (
        <Stack>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('callbacks.manager.queues')}
            </Title>
            <Table data-testid="calls-queues">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('callbacks.manager.cols.queue')}</Table.Th>
                  <Table.Th ta="right">{t('callbacks.manager.cols.open')}</Table.Th>
                  <Table.Th ta="right">{t('callbacks.manager.cols.due')}</Table.Th>
                  <Table.Th ta="right">{t('callbacks.manager.cols.locked')}</Table.Th>
                  <Table.Th ta="right">{t('callbacks.manager.cols.oldest')}</Table.Th>
                  <Table.Th ta="right">{t('callbacks.manager.cols.average')}</Table.Th>
                  <Table.Th ta="right">{t('callbacks.manager.cols.closedToday')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.queues.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td>{queueName(q)}</Table.Td>
                    <Table.Td ta="right">{f.number(q.open)}</Table.Td>
                    <Table.Td ta="right">{f.number(q.due)}</Table.Td>
                    <Table.Td ta="right">{f.number(q.locked)}</Table.Td>
                    <Table.Td ta="right">{duration(q.oldestDueSeconds)}</Table.Td>
                    <Table.Td ta="right">{duration(q.averageDueSeconds)}</Table.Td>
                    <Table.Td ta="right">{f.number(q.closedToday)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('callbacks.manager.agents')}
            </Title>
            {data.agents.length === 0 ? (
              <EmptyState title={t('callbacks.manager.empty')} />
            ) : (
              <Table data-testid="calls-agents">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('callbacks.manager.cols.agent')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.calls')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.perHour')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.reach')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.conversion')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.sales')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.amount')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.handling')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.agents.map((a) => (
                    <Table.Tr key={a.agentId}>
                      <Table.Td>{a.name}</Table.Td>
                      <Table.Td ta="right">{f.number(a.calls)}</Table.Td>
                      <Table.Td ta="right">{f.number(a.callsPerHour)}</Table.Td>
                      <Table.Td ta="right">{pct(a.reachRate)}</Table.Td>
                      <Table.Td ta="right">{pct(a.conversionRate)}</Table.Td>
                      <Table.Td ta="right">{f.number(a.sales)}</Table.Td>
                      <Table.Td ta="right">{f.money(a.salesCents)}</Table.Td>
                      <Table.Td ta="right">{duration(a.averageHandlingSeconds)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('callbacks.manager.campaigns')}
            </Title>
            {data.campaigns.length === 0 ? (
              <EmptyState title={t('callbacks.manager.empty')} />
            ) : (
              <Table data-testid="calls-campaigns">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('callbacks.manager.cols.campaign')}</Table.Th>
                    <Table.Th ta="right">{t('callbacks.manager.cols.calls')}</Table.Th>
                    {CALL_OUTCOMES.map((o) => (
                      <Table.Th key={o} ta="right">
                        <Text size="xs">{t(`callbacks.outcomes.${o}`)}</Text>
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">{t('callbacks.manager.cols.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.campaigns.map((c) => (
                    <Table.Tr key={c.campaignId ?? 'none'}>
                      <Table.Td>{c.name ?? t('callbacks.manager.noCampaign')}</Table.Td>
                      <Table.Td ta="right">{f.number(c.calls)}</Table.Td>
                      {CALL_OUTCOMES.map((o) => (
                        <Table.Td key={o} ta="right">
                          {f.number(c.outcomes[o] ?? 0)}
                        </Table.Td>
                      ))}
                      <Table.Td ta="right">{f.money(c.salesCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          {can('settings:manage') && <CallingRulesCard />}
        </Stack>
      )}
    </>
  );
}
