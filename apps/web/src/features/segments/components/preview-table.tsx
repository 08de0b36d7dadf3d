import { Anchor, Badge, Button, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-error';
import { useFormat } from '../../../lib/format';
import type { PreviewRow } from '../api/segments';

interface Props {
  open: boolean;
  onToggle: () => void;
  disabled: boolean;
  rows: PreviewRow[] | undefined;
  fetching: boolean;
  error: unknown;
}

const nameOf = (r: PreviewRow) =>
  [r.firstName, r.lastName].filter(Boolean).join(' ') || r.companyName || `#${r.id}`;

/** The first 50 contacts of the segment, by name, on demand. */
export function PreviewTable({ open, onToggle, disabled, rows, fetching, error }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder>
      <Group justify="space-between" mb={open ? 'sm' : 0}>
        <Group gap="xs">
          <Title order={4}>{t('segments.preview.title')}</Title>
          {open && fetching && <Loader size="xs" />}
        </Group>
        <Button
          size="compact-sm"
          variant="light"
          onClick={onToggle}
          disabled={disabled}
          data-testid="preview-toggle"
        >
          {open ? t('segments.preview.hide') : t('segments.preview.show')}
        </Button>
      </Group>
      {open &&
        (error && !(error instanceof ApiError && error.fieldErrors.length) ? (
          <ProblemAlert error={error} />
        ) : rows && rows.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="preview-empty">
            {t('segments.preview.empty')}
          </Text>
        ) : rows ? (
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="preview-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('segments.preview.name')}</Table.Th>
                  <Table.Th>{t('segments.preview.email')}</Table.Th>
                  <Table.Th>{t('segments.preview.city')}</Table.Th>
                  <Table.Th>{t('segments.preview.tier')}</Table.Th>
                  <Table.Th>{t('segments.preview.lastOrder')}</Table.Th>
                  <Table.Th ta="right">{t('segments.preview.revenue')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-testid="preview-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/contacts/${r.id}`} size="sm">
                        {nameOf(r)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.email ?? '—'}</Table.Td>
                    <Table.Td>{[r.postalCode, r.city].filter(Boolean).join(' ') || '—'}</Table.Td>
                    <Table.Td>
                      {r.tier ? (
                        <Badge variant="light" size="sm">
                          {t(`segments.tier.${r.tier}`)}
                        </Badge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{f.date(r.lastOrderAt)}</Table.Td>
                    <Table.Td ta="right">{f.money(r.revenueCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null)}
    </Card>
  );
}
