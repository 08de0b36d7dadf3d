import { Anchor, Badge, Card, Group, ScrollArea, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import type { Figures } from '../api/board';
import { percent, roi } from './figure-format';

export interface FiguresRow {
  key: string;
  label: string;
  figures: Figures;
}

/**
 * One of the board's tables: a row per wave, step, channel, variant or campaign with what it sent and brought
 * back, its money and its ratios; its CSV to download. Each figure cell has a test id `<table>-<row>-<figure>`.
 */
export function FiguresTable({
  id,
  title,
  rows,
  csvUrl,
  firstColumn,
  footnote,
}: {
  id: string;
  title: string;
  rows: readonly FiguresRow[];
  csvUrl: string;
  firstColumn: string;
  /** a line under the table saying what one of its rows is */
  footnote?: string | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const cell = (row: FiguresRow, name: string, value: string) => (
    <Table.Td data-testid={`${id}-${row.key}-${name}`} ta="right" style={{ whiteSpace: 'nowrap' }}>
      {value}
    </Table.Td>
  );
  return (
    <Card withBorder data-testid={`board-table-${id}`}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        <Anchor href={csvUrl} download size="sm" data-testid={`${id}-csv`}>
          {t('board.csv')}
        </Anchor>
      </Group>
      <ScrollArea>
        <Table striped highlightOnHover withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{firstColumn}</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Th key={c} ta="right" title={t(`board.help.${c}`)}>
                  {t(`board.figures.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const x = row.figures;
              return (
                <Table.Tr key={row.key} data-testid={`${id}-row-${row.key}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.label}</Table.Td>
                  {cell(row, 'sent', f.number(x.sent))}
                  {cell(row, 'delivered', f.number(x.delivered))}
                  {cell(row, 'failed', f.number(x.failed + x.bounced + x.npai))}
                  {cell(row, 'responses', f.number(x.responses))}
                  {cell(row, 'returnRate', percent(f, x.returnRate))}
                  {cell(row, 'quotes', f.number(x.quotes))}
                  {cell(row, 'reminders', f.number(x.reminders))}
                  {cell(row, 'sales', f.number(x.sales))}
                  {cell(row, 'revenue', f.money(x.revenueCents))}
                  {cell(row, 'margin', f.money(x.marginCents))}
                  {cell(row, 'cost', f.money(x.costCents))}
                  <Table.Td data-testid={`${id}-${row.key}-roi`} ta="right">
                    <Badge variant="light" color={x.roi === null ? 'gray' : x.roi >= 0 ? 'teal' : 'red'}>
                      {roi(f, x.roi)}
                    </Badge>
                  </Table.Td>
                  {cell(row, 'costPerResponse', f.money(x.costPerResponseCents))}
                  {cell(row, 'costPerSale', f.money(x.costPerSaleCents))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {footnote && (
        <Text c="dimmed" size="xs" mt="xs" data-testid={`${id}-footnote`}>
          {footnote}
        </Text>
      )}
      {rows.length === 0 && (
        <Text c="dimmed" size="sm" mt="sm">
          {t('board.noRows')}
        </Text>
      )}
    </Card>
  );
}

const COLUMNS = [
  'sent',
  'delivered',
  'failed',
  'responses',
  'returnRate',
  'quotes',
  'reminders',
  'sales',
  'revenue',
  'margin',
  'cost',
  'roi',
  'costPerResponse',
  'costPerSale',
] as const;
