import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../../components/problem-alert';
import { useFormat } from '../../../../lib/format';
import { useCan } from '../../../../lib/session';
import type { Campaign } from '../../api/campaigns';
import { type DispatchProgress, postalBatchUrl, type SendCounts } from '../../api/dispatch';
import { useDispatchProgress, useRequeue } from '../../hooks/use-dispatch';
import { TestReadingCard } from './test-reading-card';
import { UnknownSends } from './unknown-sends';

const SKIP_REASONS = ['no_consent', 'suppressed', 'no_address', 'excluded'] as const;

/** The bar of a set of sends: sent, skipped, failed, unknown, cancelled, and what is still to go. */
function CountsBar({ counts, testId }: { counts: SendCounts; testId: string }) {
  const { t } = useTranslation();
  if (counts.total === 0) return null;
  const share = (n: number) => (n / counts.total) * 100;
  const parts = [
    { key: 'sent', n: counts.sent, color: 'teal' },
    { key: 'skipped', n: counts.skipped, color: 'gray' },
    { key: 'failed', n: counts.failed, color: 'red' },
    { key: 'unknown', n: counts.unknown, color: 'orange' },
    { key: 'cancelled', n: counts.cancelled, color: 'dark' },
  ] as const;
  return (
    <Progress.Root size="lg" data-testid={testId}>
      {parts.map((p) =>
        p.n > 0 ? (
          <Tooltip key={p.key} label={`${t(`dispatch.status.${p.key}`)}: ${p.n}`}>
            <Progress.Section value={share(p.n)} color={p.color} />
          </Tooltip>
        ) : null,
      )}
    </Progress.Root>
  );
}

/** "sent 1,234 · skipped 56 (no consent 40, suppressed 16) · …", only the statuses that have sends. */
function CountsLine({ counts, testId }: { counts: SendCounts; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const statuses = ['pending', 'sending', 'sent', 'skipped', 'failed', 'unknown', 'cancelled'] as const;
  const reasons = SKIP_REASONS.filter((r) => counts.skippedBy[r] > 0)
    .map((r) => `${t(`dispatch.skip.${r}`)} ${f.number(counts.skippedBy[r])}`)
    .join(', ');
  return (
    <Group gap="xs" data-testid={testId}>
      {statuses
        .filter((s) => counts[s] > 0)
        .map((s) => (
          <Text key={s} size="sm" data-testid={`${testId}-${s}`}>
            {t(`dispatch.status.${s}`)} <b>{f.number(counts[s])}</b>
            {s === 'skipped' && reasons ? ` (${reasons})` : ''}
          </Text>
        ))}
    </Group>
  );
}

function StepsTable({ progress }: { progress: DispatchProgress }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table striped verticalSpacing={6} data-testid="dispatch-steps">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('dispatch.steps.step')}</Table.Th>
          <Table.Th>{t('dispatch.steps.wave')}</Table.Th>
          <Table.Th>{t('dispatch.steps.due')}</Table.Th>
          <Table.Th>{t('dispatch.steps.progress')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {progress.steps.flatMap((step) =>
          step.waves.map((wave) => (
            <Table.Tr
              key={wave.id}
              data-testid={`dispatch-wave-${step.position}-${wave.phase}-${wave.variant}`}
            >
              <Table.Td>
                {t('dispatch.steps.stepLabel', {
                  n: step.position,
                  channel: t(`dispatch.channels.${wave.channel}`),
                  day: step.offsetDays,
                })}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={wave.phase === 'test' ? 'grape' : 'teal'}>
                  {t(`dispatch.phase.${wave.phase}`)} · {wave.variant}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.dateTime(wave.dueAt)}</Text>
                {!wave.materialisedAt && (
                  <Text size="xs" c="dimmed">
                    {t('dispatch.steps.notWritten')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td miw={260}>
                <Stack gap={4}>
                  <CountsBar counts={wave.counts} testId={`wave-bar-${wave.id}`} />
                  <CountsLine
                    counts={wave.counts}
                    testId={`wave-counts-${step.position}-${wave.phase}-${wave.variant}`}
                  />
                </Stack>
              </Table.Td>
            </Table.Tr>
          )),
        )}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The campaign page's sending panel, once the campaign has left its draft: the totals, each step's waves (phase
 * and variant group) with their progress and skip reasons, the test's reading and what to roll out, the sends in
 * doubt, and the postal batches to download. Refreshed every few seconds while sends move.
 */
export function DispatchPanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const progress = useDispatchProgress(campaign.id, campaign.status);
  const requeue = useRequeue(campaign.id);
  if (progress.isError) return <ProblemAlert error={progress.error} />;
  const p = progress.data;
  if (!p) return null;
  const test = p.phases.find((x) => x.phase === 'test');
  return (
    <Card withBorder data-testid="dispatch-panel">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('dispatch.title')}</Title>
          {can('campaigns:write') && p.totals.pending > 0 && (
            <Tooltip label={t('dispatch.requeueHelp')}>
              <Button
                size="xs"
                variant="subtle"
                loading={requeue.isPending}
                onClick={() =>
                  requeue.mutate(undefined, {
                    onSuccess: (r) =>
                      notifications.show({
                        color: 'teal',
                        message: t('dispatch.requeued', { count: r.requeued }),
                      }),
                  })
                }
                data-testid="dispatch-requeue"
              >
                {t('dispatch.requeue')}
              </Button>
            </Tooltip>
          )}
        </Group>
        {p.phases.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dispatch.notLaunched')}
          </Text>
        ) : (
          <>
            <Group gap="lg">
              {p.phases.map((phase) => (
                <Text key={phase.phase} size="sm" data-testid={`dispatch-phase-${phase.phase}`}>
                  {t(`dispatch.phase.${phase.phase}`)}:{' '}
                  {phase.materialisedAt
                    ? t('dispatch.members', { count: phase.members ?? 0, n: f.number(phase.members ?? 0) })
                    : t('dispatch.writing')}
                  {phase.phase === 'rollout' && phase.variant
                    ? ` · ${t('dispatch.variant', { v: phase.variant })}`
                    : ''}
                  {phase.reading
                    ? ` · ${t('dispatch.readAt', { at: f.dateTime(phase.reading.readAt) })}`
                    : phase.endsAt
                      ? ` · ${t('dispatch.endsAt', { at: f.dateTime(phase.endsAt) })}`
                      : ''}
                </Text>
              ))}
            </Group>
            <CountsBar counts={p.totals} testId="dispatch-total-bar" />
            <CountsLine counts={p.totals} testId="dispatch-totals" />
            <StepsTable progress={p} />
          </>
        )}
        {test && <TestReadingCard campaign={campaign} reading={test.reading} />}
        {p.totals.unknown > 0 && <UnknownSends campaignId={campaign.id} count={p.totals.unknown} />}
        {p.postalBatches.length > 0 && (
          <Stack gap={4} data-testid="postal-batches">
            <Text fw={500} size="sm">
              {t('dispatch.postal.title')}
            </Text>
            {p.postalBatches.map((b) => (
              <Group key={b.id} gap="sm">
                <Text size="sm">
                  {f.dateTime(b.createdAt)} ·{' '}
                  {t('dispatch.postal.letters', { count: b.letters, n: f.number(b.letters) })}
                </Text>
                <Anchor
                  size="sm"
                  href={postalBatchUrl(campaign.id, b.id, 'letters.pdf')}
                  data-testid="postal-pdf"
                >
                  {t('dispatch.postal.pdf')} ({f.bytes(b.bytes)})
                </Anchor>
                <Anchor
                  size="sm"
                  href={postalBatchUrl(campaign.id, b.id, 'manifest.csv')}
                  data-testid="postal-csv"
                >
                  {t('dispatch.postal.manifest')}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
