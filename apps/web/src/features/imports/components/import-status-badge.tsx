import { Badge } from '@mantine/core';
import { assertNever, type ImportStatus } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';

function color(status: ImportStatus): string {
  switch (status) {
    case 'queued':
      return 'gray';
    case 'running':
      return 'blue';
    case 'completed':
      return 'teal';
    case 'failed':
      return 'red';
    default:
      return assertNever(status, 'import status');
  }
}

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={color(status)} variant="light" data-testid="import-status" data-status={status}>
      {t(`importStatuses.${status}`)}
    </Badge>
  );
}
