import { Badge } from '@mantine/core';
import { assertNever, type InteractionKind } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';

function color(kind: InteractionKind): string {
  switch (kind) {
    case 'call':
      return 'blue';
    case 'visit':
      return 'grape';
    case 'complaint':
      return 'red';
    case 'after_sales':
      return 'orange';
    case 'note':
      return 'gray';
    case 'email':
      return 'cyan';
    case 'letter':
      return 'yellow';
    default:
      return assertNever(kind, 'interaction kind');
  }
}

export function InteractionKindBadge({ kind }: { kind: InteractionKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={color(kind)} variant="light" size="sm">
      {t(`interactionKinds.${kind}`)}
    </Badge>
  );
}
