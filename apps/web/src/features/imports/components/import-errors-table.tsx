import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportError } from '../api/schemas';

/** Per-row errors: the file's line (1 = header), the column, what is wrong, and the value as read. */
export function ImportErrorsTable({ errors }: { errors: ImportError[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600} maxHeight={480}>
      <Table striped stickyHeader data-testid="import-errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('imports.line')}</Table.Th>
            <Table.Th>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.reason')}</Table.Th>
            <Table.Th>{t('imports.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a line can carry several errors; order is stable
            <Table.Tr key={`${e.line}:${e.column}:${i}`} data-testid="import-error-row">
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{e.line}</Table.Td>
              <Table.Td>{e.column || '—'}</Table.Td>
              <Table.Td>{e.reason}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {e.value ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
