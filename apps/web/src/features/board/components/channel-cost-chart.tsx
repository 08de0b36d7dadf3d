import { BarChart } from '@mantine/charts';
import { Card, Title } from '@mantine/core';
import type { Channel } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { Figures } from '../api/board';

/** Actual cost against margin per channel: the campaign board's and the portfolio's chart. */
export function ChannelCostChart({
  byChannel,
}: {
  byChannel: ReadonlyArray<{ channel: Channel; figures: Figures }>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('board.channelChart')}
      </Title>
      <BarChart
        h={260}
        data={byChannel.map((c) => ({
          channel: t(`board.channel.${c.channel}`),
          cost: c.figures.costCents / 100,
          margin: c.figures.marginCents / 100,
        }))}
        dataKey="channel"
        series={[
          { name: 'cost', label: t('board.figures.cost'), color: 'red.5' },
          { name: 'margin', label: t('board.figures.margin'), color: 'teal.6' },
        ]}
        withLegend
        valueFormatter={(v) => f.money(Math.round(v * 100))}
      />
    </Card>
  );
}
