import { Alert, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ImportKind } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import type { Preview } from '../api/schemas';
import { duplicateTargets, type FieldOption, missingRequired } from '../hooks/import-fields';
import { MappingTable } from './mapping-table';
import { PreviewRows } from './preview-rows';

interface Props {
  kind: ImportKind;
  preview: Preview;
  fields: FieldOption[];
  mapping: Record<string, string>;
  fieldErrors: Record<string, string>;
  onChange: (header: string, value: string) => void;
}

function delimiterName(delimiter: string, t: (key: string) => string): string {
  if (delimiter === ';') return `; (${t('imports.semicolon')})`;
  if (delimiter === ',') return `, (${t('imports.comma')})`;
  if (delimiter === '\t') return t('imports.tab');
  if (delimiter === '|') return '|';
  return delimiter;
}

export function MappingStep({ kind, preview, fields, mapping, fieldErrors, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const missing = missingRequired(kind, mapping, currentLanguage(i18n.resolvedLanguage), t('imports.or'));
  const duplicates = duplicateTargets(mapping);
  return (
    <Stack>
      <Group gap="lg">
        <Text size="sm">
          {t('imports.encoding')}:{' '}
          <Badge variant="light" data-testid="detected-encoding">
            {preview.encoding}
          </Badge>
        </Text>
        <Text size="sm">
          {t('imports.delimiter')}:{' '}
          <Badge variant="light" data-testid="detected-delimiter">
            {delimiterName(preview.delimiter, t)}
          </Badge>
        </Text>
        <Text size="sm" c="dimmed">
          {t('imports.columnCount', { count: preview.headers.length })}
        </Text>
      </Group>
      {preview.warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('imports.warnings')}>
          <List size="sm">
            {preview.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {missing.length > 0 && (
        <Alert
          color="red"
          variant="light"
          title={t('imports.missingRequired')}
          data-testid="missing-required"
        >
          {missing.join(', ')}
        </Alert>
      )}
      <Title order={5}>{t('imports.firstRows')}</Title>
      <PreviewRows headers={preview.headers} rows={preview.rows} />
      <Title order={5}>{t('imports.mapping')}</Title>
      <MappingTable
        headers={preview.headers}
        withAttributes={kind === 'contacts'}
        firstRow={preview.rows[0]}
        fields={fields}
        mapping={mapping}
        duplicates={duplicates}
        fieldErrors={fieldErrors}
        onChange={onChange}
      />
    </Stack>
  );
}
