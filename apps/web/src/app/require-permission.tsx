import type { Permission } from '@relance/domain/permissions';
import type { ReactNode } from 'react';
import { NotAllowedPage } from '../components/not-allowed-page';
import { useCan } from '../lib/session';

/** Shows the page only when the role has one of the permissions; a plain "not allowed" page otherwise. */
export function RequirePermission({
  anyOf,
  children,
}: {
  anyOf: readonly Permission[];
  children: ReactNode;
}) {
  const can = useCan();
  return anyOf.some((p) => can(p)) ? children : <NotAllowedPage />;
}
