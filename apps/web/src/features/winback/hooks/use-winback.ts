import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  dismissAlert,
  getBarometer,
  getModel,
  listAlerts,
  listFormer,
  type WinbackView,
} from '../api/winback';

export const winbackKeys = {
  all: ['winback'] as const,
  former: (view: WinbackView) => ['winback', 'former', view] as const,
  alerts: (scope: string, dismissed: boolean) => ['winback', 'alerts', scope, dismissed] as const,
  model: ['winback', 'model'] as const,
  barometer: (months: number) => ['winback', 'barometer', months] as const,
};

export function useFormerCustomers(view: WinbackView) {
  return useInfiniteQuery({
    queryKey: winbackKeys.former(view),
    queryFn: ({ pageParam, signal }) => listFormer(view, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useAlerts(scope: 'mine' | 'all', dismissed: boolean) {
  return useInfiniteQuery({
    queryKey: winbackKeys.alerts(scope, dismissed),
    queryFn: ({ pageParam, signal }) => listAlerts(scope, dismissed, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useDismissAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: dismissAlert,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['winback', 'alerts'] }),
  });
}

export function useChurnModel() {
  return useQuery({ queryKey: winbackKeys.model, queryFn: ({ signal }) => getModel(signal) });
}

export function useBarometer(months: number) {
  return useQuery({
    queryKey: winbackKeys.barometer(months),
    queryFn: ({ signal }) => getBarometer(months, signal),
  });
}
