import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { setUnauthenticatedHandler } from '../lib/api-client';
import { SESSION_KEY } from '../lib/session';
import { queryClient } from './query-client';
import { theme } from './theme';

// Any 401 means the session is gone: forget it, and the auth guard shows the login page.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(SESSION_KEY, null);
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
