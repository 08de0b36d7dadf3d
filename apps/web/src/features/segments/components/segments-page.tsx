import { Anchor, Button, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useSegments } from '../hooks/use-segments';

/** `/segments`: the saved segments, most recently changed first. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const segments = useSegments();
  const writer = can('segments:write');
  return (
    <>
      <PageHeader
        title={t('segments.title')}
        subtitle={t('segments.subtitle')}
        actions={
          writer ? (
            <Button component={Link} to="/segments/new" data-testid="new-segment">
              {t('segments.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder>
        {segments.isPending ? (
          <LoadingState />
        ) : segments.isError ? (
          <ProblemAlert error={segments.error} />
        ) : segments.data.items.length === 0 ? (
          <EmptyState title={t('segments.empty')}>{writer ? t('segments.emptyHint') : null}</EmptyState>
        ) : (
          <Table highlightOnHover data-testid="segments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('segments.columns.name')}</Table.Th>
                <Table.Th>{t('segments.columns.description')}</Table.Th>
                <Table.Th>{t('segments.columns.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {segments.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/segments/${s.id}`} fw={500}>
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {s.description ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.dateTime(s.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
