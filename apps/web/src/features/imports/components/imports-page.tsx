import { Anchor, Button, Paper, Table, Text, Title } from '@mantine/core';
import { IMPORT_KINDS, type ImportKind } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { EmptyState, LoadingState } from '../../../components/states';
import { useFormat } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useImportList } from '../hooks/use-imports';
import { ImportStatusBadge } from './import-status-badge';

const PERMISSION = { contacts: 'contacts:import', orders: 'orders:import' } as const;

function RecentImports({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useImportList(kind, true);
  return (
    <Paper withBorder p="md" mb="lg">
      <Title order={4} mb="sm">
        {t(`imports.recent.${kind}`)}
      </Title>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('imports.none')} />
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table data-testid={`imports-${kind}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.file')}</Table.Th>
                <Table.Th>{t('imports.status')}</Table.Th>
                <Table.Th>{t('imports.createdAt')}</Table.Th>
                <Table.Th ta="right">{t('imports.counts.inserted')}</Table.Th>
                <Table.Th ta="right">{t('imports.counts.updated')}</Table.Th>
                <Table.Th ta="right">{t('imports.counts.failed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((imp) => (
                <Table.Tr key={imp.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/imports/${kind}/${imp.id}`}>
                      {imp.filename}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {f.bytes(imp.byteSize)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ImportStatusBadge status={imp.status} />
                  </Table.Td>
                  <Table.Td>{f.dateTime(imp.createdAt)}</Table.Td>
                  <Table.Td ta="right">{f.number(imp.counts.inserted)}</Table.Td>
                  <Table.Td ta="right">{f.number(imp.counts.updated)}</Table.Td>
                  <Table.Td ta="right" c={imp.counts.failed > 0 ? 'red' : undefined}>
                    {f.number(imp.counts.failed)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

export function ImportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const kinds = IMPORT_KINDS.filter((k) => can(PERMISSION[k]));
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        actions={kinds.map((k) => (
          <Button key={k} component={Link} to={`/imports/new/${k}`} data-testid={`new-import-${k}`}>
            {t(`imports.new.${k}`)}
          </Button>
        ))}
      />
      {kinds.map((k) => (
        <RecentImports key={k} kind={k} />
      ))}
    </>
  );
}
