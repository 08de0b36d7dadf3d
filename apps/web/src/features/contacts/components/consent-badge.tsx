import { Badge } from '@mantine/core';
import { assertNever, type ConsentStatus } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';

function color(status: ConsentStatus): string {
  switch (status) {
    case 'opt_in':
      return 'teal';
    case 'opt_out':
      return 'red';
    case 'unknown':
      return 'gray';
    default:
      return assertNever(status, 'consent status');
  }
}

export function ConsentBadge({ status }: { status: ConsentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={color(status)} variant="light" size="sm">
      {t(`consentStatuses.${status}`)}
    </Badge>
  );
}
