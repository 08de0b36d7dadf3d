import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { type CampaignBoard, campaignCsvUrl, type Figures } from '../api/board';
import { useCampaignBoard } from '../hooks/use-board';
import { ChannelCostChart } from './channel-cost-chart';
import { percent, roi } from './figure-format';
import { FiguresTable } from './figures-table';
import { ReturnsPanel } from './returns-chart';

/** A campaign's board (managers and marketers): totals, returns against the plan, and the tables. */
export function BoardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const board = useCampaignBoard(id);
  return (
    <>
      <PageHeader
        title={board.data ? t('board.title', { name: board.data.campaign.name }) : t('board.titleShort')}
        subtitle={t('board.subtitle')}
        actions={
          <Group gap="xs">
            <Button component={Link} to={`/campaigns/${id}`} variant="default">
              {t('board.toCampaign')}
            </Button>
            <Button component={Link} to="/board" variant="default">
              {t('board.toPortfolio')}
            </Button>
          </Group>
        }
      />
      <ProblemAlert error={board.error} />
      {board.isPending && <LoadingState />}
      {board.data && <BoardContent board={board.data} />}
    </>
  );
}

function BoardContent({ board }: { board: CampaignBoard }) {
  const { t } = useTranslation();
  const x = board.totals;
  const id = board.campaign.id;
  return (
    <Stack data-testid="campaign-board">
      <Totals figures={x} fixedCents={board.fixedCents} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ReturnsPanel board={board} />
        <ChannelCostChart byChannel={board.byChannel} />
      </SimpleGrid>
      <FiguresTable
        id="steps"
        title={t('board.tables.steps')}
        firstColumn={t('board.columns.step')}
        csvUrl={campaignCsvUrl(id, 'steps')}
        rows={[
          ...board.bySteps.map((s) => ({
            key: String(s.position),
            label: t('board.stepLabel', { n: s.position, channel: t(`board.channel.${s.channel}`) }),
            figures: s.figures,
          })),
          ...(board.direct ? [{ key: 'direct', label: t('board.directRow'), figures: board.direct }] : []),
        ]}
        footnote={board.direct ? t('board.directHint') : undefined}
      />
      <FiguresTable
        id="channels"
        title={t('board.tables.channels')}
        firstColumn={t('board.columns.channel')}
        csvUrl={campaignCsvUrl(id, 'channels')}
        rows={board.byChannel.map((c) => ({
          key: c.channel,
          label: t(`board.channel.${c.channel}`),
          figures: c.figures,
        }))}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <FiguresTable
          id="variants"
          title={t('board.tables.variants')}
          firstColumn={t('board.columns.variant')}
          csvUrl={campaignCsvUrl(id, 'variants')}
          rows={board.byVariant.map((v) => ({ key: v.variant, label: v.variant, figures: v.figures }))}
        />
        <FiguresTable
          id="phases"
          title={t('board.tables.phases')}
          firstColumn={t('board.columns.phase')}
          csvUrl={campaignCsvUrl(id, 'phases')}
          rows={board.byPhase.map((p) => ({
            key: p.phase,
            label: t(`board.phase.${p.phase}`),
            figures: p.figures,
          }))}
        />
      </SimpleGrid>
      <FiguresTable
        id="lines"
        title={t('board.tables.lines')}
        firstColumn={t('board.columns.wave')}
        csvUrl={campaignCsvUrl(id, 'lines')}
        rows={board.lines.map((l) => ({
          key: `${l.position}-${l.phase}-${l.variant}`,
          label: t('board.waveLabel', {
            n: l.position,
            channel: t(`board.channel.${l.channel}`),
            phase: t(`board.phase.${l.phase}`),
            variant: l.variant,
          }),
          figures: l.figures,
        }))}
      />
    </Stack>
  );
}

/** The campaign's headline figures, actual against the plan at the volumes sent. */
export function Totals({ figures: x, fixedCents }: { figures: Figures; fixedCents: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tile = (testId: string, label: string, value: string, hint?: string) => (
    <Card withBorder padding="sm" key={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} data-testid="board-totals">
      {tile(
        'board-sent',
        t('board.figures.sent'),
        f.number(x.sent),
        t('board.hint.failed', { n: f.number(x.failed + x.bounced + x.npai) }),
      )}
      {tile(
        'board-responses',
        t('board.figures.responses'),
        f.number(x.responses),
        t('board.hint.planned', { n: f.number(Math.round(x.plannedResponses)) }),
      )}
      {tile('board-return-rate', t('board.figures.returnRate'), percent(f, x.returnRate))}
      {tile(
        'board-sales',
        t('board.figures.sales'),
        f.number(x.sales),
        t('board.hint.planned', { n: f.number(Math.round(x.plannedSales)) }),
      )}
      {tile(
        'board-revenue',
        t('board.figures.revenue'),
        f.money(x.revenueCents),
        t('board.hint.planned', { n: f.money(x.plannedRevenueCents) }),
      )}
      {tile('board-margin', t('board.figures.margin'), f.money(x.marginCents))}
      {tile(
        'board-cost',
        t('board.figures.cost'),
        f.money(x.costCents),
        t('board.hint.fixed', { amount: f.money(fixedCents) }),
      )}
      {tile(
        'board-roi',
        t('board.figures.roi'),
        roi(f, x.roi),
        t('board.hint.perSale', { amount: f.money(x.costPerSaleCents) }),
      )}
    </SimpleGrid>
  );
}
