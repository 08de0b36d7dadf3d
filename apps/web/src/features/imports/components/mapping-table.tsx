import { Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_PREFIX, type FieldOption, IGNORE } from '../hooks/import-fields';

interface Props {
  headers: string[];
  firstRow: string[] | undefined;
  fields: FieldOption[];
  /** contacts keep unknown columns as free attributes; orders do not */
  withAttributes: boolean;
  mapping: Record<string, string>;
  duplicates: Set<string>;
  fieldErrors: Record<string, string>;
  onChange: (header: string, value: string) => void;
}

/** One line per CSV column: its header, a sample value, and the field it goes to. */
export function MappingTable({
  headers,
  withAttributes,
  firstRow,
  fields,
  mapping,
  duplicates,
  fieldErrors,
  onChange,
}: Props) {
  const { t } = useTranslation();
  return (
    <Table data-testid="mapping-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('imports.column')}</Table.Th>
          <Table.Th>{t('imports.sample')}</Table.Th>
          <Table.Th w={320}>{t('imports.target')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {headers.map((header, index) => {
          const value = mapping[header] ?? IGNORE;
          const data = [
            {
              group: t('imports.fields'),
              items: fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} *` : f.label })),
            },
            {
              group: t('imports.other'),
              items: [
                { value: IGNORE, label: t('imports.ignore') },
                ...(withAttributes
                  ? [
                      {
                        value: `${ATTRIBUTE_PREFIX}${header}`,
                        label: t('imports.asAttribute', { name: header }),
                      },
                    ]
                  : []),
              ],
            },
          ];
          const error =
            fieldErrors[`mapping.${header}`] ??
            (duplicates.has(value) ? t('imports.duplicateTarget') : undefined);
          return (
            <Table.Tr key={header} data-testid="mapping-row" data-header={header}>
              <Table.Td>
                <Text fw={500} size="sm">
                  {header}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={1} maw={260}>
                  {firstRow?.[index] ?? ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('imports.targetFor', { name: header })}
                  data={data}
                  value={value}
                  onChange={(v) => onChange(header, v ?? IGNORE)}
                  allowDeselect={false}
                  searchable
                  error={error}
                  size="xs"
                  // an ignored column reads as such at a glance
                  styles={value === IGNORE ? { input: { color: 'var(--mantine-color-dimmed)' } } : undefined}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
