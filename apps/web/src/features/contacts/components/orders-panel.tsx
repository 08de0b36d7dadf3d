import { Badge, Button, Center, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useOrders } from '../hooks/use-contact';

export function OrdersPanel({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const orders = useOrders(contactId);
  if (orders.isPending) return <LoadingState />;
  if (orders.isError) return <ProblemAlert error={orders.error} />;
  const items = orders.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('orders.empty')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table striped data-testid="orders-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.date')}</Table.Th>
              <Table.Th>{t('orders.reference')}</Table.Th>
              <Table.Th ta="right">{t('orders.amount')}</Table.Th>
              <Table.Th ta="right">{t('orders.margin')}</Table.Th>
              <Table.Th>{t('orders.offer')}</Table.Th>
              <Table.Th>{t('orders.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{f.date(o.orderedAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {o.externalId ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {f.money(o.amountCents)}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {f.money(o.marginCents)}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {o.promo && (
                      <Badge size="xs" color="orange" variant="light">
                        {t('orders.promo')}
                      </Badge>
                    )}
                    {o.voucher && (
                      <Badge size="xs" color="violet" variant="light">
                        {t('orders.voucher')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.source ?? ''}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {orders.hasNextPage && (
        <Center mt="sm">
          <Button
            variant="default"
            onClick={() => orders.fetchNextPage()}
            loading={orders.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </>
  );
}
