import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../lib/session';
import { useDueCount } from '../hooks/use-follow-ups';

/** The navigation's count of one's reminders due today (red when some are overdue); nothing when none. */
export function DueCountBadge() {
  const { t } = useTranslation();
  const can = useCan();
  const count = useDueCount('mine', can('campaigns:read'));
  const due = count.data?.due ?? 0;
  if (due === 0) return null;
  return (
    <Badge
      size="sm"
      circle={due < 10}
      color={(count.data?.overdue ?? 0) > 0 ? 'red' : 'blue'}
      aria-label={t('followUps.nav.dueCount', { count: due })}
      data-testid="nav-due-count"
    >
      {due}
    </Badge>
  );
}
