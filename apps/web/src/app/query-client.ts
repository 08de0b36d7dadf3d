import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-error';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // retry only what may succeed on a second try
      retry: (count, error) =>
        count < 2 &&
        (!(error instanceof ApiError) || error.code === 'network' || error.code === 'unavailable'),
    },
    mutations: { retry: false },
  },
});
