import { Badge, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RETURNED_STATUSES, type ReturnedLine, type ReturnedStatus } from '../api/redemption';

const COLOR: Record<ReturnedStatus, string> = {
  recorded: 'teal',
  already_recorded: 'gray',
  typo: 'orange',
  unknown: 'red',
  not_postal: 'yellow',
};

export function ReturnedStatusBadge({ status }: { status: ReturnedStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" data-status={status}>
      {t(`returnedMail.status.${status}`)}
    </Badge>
  );
}

export function ReturnedCounts({ counts }: { counts: Record<ReturnedStatus, number> }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="returned-counts">
      {RETURNED_STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <Badge key={s} color={COLOR[s]} size="lg" data-status={s}>
          {t(`returnedMail.status.${s}`)}: {counts[s]}
        </Badge>
      ))}
    </Group>
  );
}

/** One row per line (or scan): what was read, and what became of it. */
export function ReturnedLinesTable({
  lines,
  lineLabel,
  testId,
}: {
  lines: readonly ReturnedLine[];
  lineLabel: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{lineLabel}</Table.Th>
          <Table.Th>{t('returnedMail.read')}</Table.Th>
          <Table.Th>{t('returnedMail.result')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((l) => (
          <Table.Tr key={`${l.line}-${l.input}`} data-status={l.status}>
            <Table.Td>{l.line}</Table.Td>
            <Table.Td ff="monospace">{l.code ?? l.input}</Table.Td>
            <Table.Td>
              <ReturnedStatusBadge status={l.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
