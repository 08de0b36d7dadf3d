import { Center } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ProblemAlert } from '../components/problem-alert';
import { LoadingState } from '../components/states';
import { useSession } from '../lib/session';

/** Renders the app only for a logged-in user; otherwise sends to /login?next=<where they were going>. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState />;
  if (session.isError)
    return (
      <Center p="xl">
        <ProblemAlert error={session.error} />
      </Center>
    );
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
