import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { type Period, portfolioCsvUrl } from '../api/board';
import { usePortfolio } from '../hooks/use-board';
import { Totals } from './board-page';
import { ChannelCostChart } from './channel-cost-chart';
import { FiguresTable } from './figures-table';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const valid = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The managers' portfolio: the campaigns started in a period, each with its figures and ROI, and per channel. */
export function PortfolioPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 89 * DAY_MS)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [period] = useDebouncedValue<Period>({ from: valid(from) ? from : '', to: valid(to) ? to : '' }, 300);
  const portfolio = usePortfolio(period);
  const p = portfolio.data;
  return (
    <>
      <PageHeader title={t('board.portfolio.title')} subtitle={t('board.portfolio.subtitle')} />
      <Stack>
        <Group>
          <TextInput
            type="date"
            label={t('board.portfolio.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            data-testid="portfolio-from"
          />
          <TextInput
            type="date"
            label={t('board.portfolio.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            data-testid="portfolio-to"
          />
        </Group>
        <ProblemAlert error={portfolio.error} />
        {portfolio.isPending && <LoadingState />}
        {p && p.campaigns.length === 0 && <EmptyState title={t('board.portfolio.empty')} />}
        {p && p.campaigns.length > 0 && (
          <Stack data-testid="portfolio">
            <Totals figures={p.totals} fixedCents={0} />
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Card withBorder>
                <Title order={4} mb="sm">
                  {t('board.portfolio.roiChart')}
                </Title>
                <BarChart
                  h={260}
                  data={p.campaigns.map((c) => ({
                    campaign: c.name,
                    roi: c.figures.roi === null ? 0 : Math.round(c.figures.roi * 1000) / 10,
                  }))}
                  dataKey="campaign"
                  series={[{ name: 'roi', label: t('board.figures.roi'), color: 'teal.6' }]}
                  valueFormatter={(v) => `${f.number(v)} %`}
                />
              </Card>
              <ChannelCostChart byChannel={p.byChannel} />
            </SimpleGrid>
            <FiguresTable
              id="portfolio-campaigns"
              title={t('board.portfolio.campaigns')}
              firstColumn={t('board.columns.campaign')}
              csvUrl={portfolioCsvUrl(period, 'campaigns')}
              rows={p.campaigns.map((c) => ({ key: c.id, label: c.name, figures: c.figures }))}
            />
            <Group gap="xs">
              {p.campaigns.map((c) => (
                <Anchor key={c.id} component={Link} to={`/campaigns/${c.id}/board`} size="sm">
                  {t('board.portfolio.open', { name: c.name })}
                </Anchor>
              ))}
            </Group>
            <FiguresTable
              id="portfolio-channels"
              title={t('board.tables.channels')}
              firstColumn={t('board.columns.channel')}
              csvUrl={portfolioCsvUrl(period, 'channels')}
              rows={p.byChannel.map((c) => ({
                key: c.channel,
                label: t(`board.channel.${c.channel}`),
                figures: c.figures,
              }))}
            />
          </Stack>
        )}
      </Stack>
    </>
  );
}
