import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import type { WinbackView } from '../api/winback';
import { useFormerCustomers } from '../hooks/use-winback';
import { customerName } from './customer-name';

const scoreColour = (score: number | null) =>
  score === null ? 'gray' : score >= 7 ? 'teal' : score >= 4 ? 'yellow' : 'red';

/** One list of the former-customer file, ranked by reactivation score, with keyset "load more". */
export function FormerTable({ view }: { view: WinbackView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useFormerCustomers(view);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const rows = query.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <EmptyState title={t('winback.empty')}>{t('winback.emptyHelp')}</EmptyState>;
  const decimal = new Intl.NumberFormat(f.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover data-testid={`winback-${view}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>{t('winback.columns.rank')}</Table.Th>
              <Table.Th>{t('winback.columns.name')}</Table.Th>
              <Table.Th ta="right">{t('winback.columns.score')}</Table.Th>
              <Table.Th ta="right">{t('winback.columns.revenue')}</Table.Th>
              <Table.Th ta="right">{t('winback.columns.orders')}</Table.Th>
              <Table.Th>{t('winback.columns.lastOrder')}</Table.Th>
              <Table.Th>{t('winback.columns.formerSince')}</Table.Th>
              <Table.Th>{t('winback.columns.lostReason')}</Table.Th>
              <Table.Th>{t('winback.columns.owner')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={row.contactId} data-testid="winback-row">
                <Table.Td c="dimmed">{i + 1}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${row.contactId}`} data-testid="winback-name">
                    {customerName(row) || t('winback.unnamed')}
                  </Anchor>
                  {row.occasionalReasons.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {row.occasionalReasons.map((r) => t(`winback.occasionalReasons.${r}`)).join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Badge
                    color={scoreColour(row.reactivationScore)}
                    variant="light"
                    data-testid="winback-score"
                  >
                    {row.reactivationScore === null ? '—' : decimal.format(row.reactivationScore)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {f.money(row.revenueCents)}
                </Table.Td>
                <Table.Td ta="right">{f.number(row.orderCount)}</Table.Td>
                <Table.Td>{f.date(row.lastOrderAt)}</Table.Td>
                <Table.Td>
                  {f.date(row.formerSince)}
                  <Text size="xs" c="dimmed">
                    {t(`winback.formerReasons.${row.formerReason}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {row.lostReason ? (
                    <Tooltip
                      label={
                        row.lostReason.exclusion ? t(`winback.exclusions.${row.lostReason.exclusion}`) : ''
                      }
                      disabled={!row.lostReason.exclusion}
                    >
                      <Group gap={4}>
                        <Text size="sm">{t(`winback.reasons.${row.lostReason.reason}`)}</Text>
                        {row.lostReason.competitor && (
                          <Text size="xs" c="dimmed">
                            ({row.lostReason.competitor})
                          </Text>
                        )}
                      </Group>
                    </Tooltip>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>{row.owner?.name ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button
            variant="default"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('winback.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
