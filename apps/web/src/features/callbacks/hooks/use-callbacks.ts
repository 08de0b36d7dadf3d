import type { CallOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  extendTask,
  feedNow,
  getStats,
  listQueues,
  recordOutcome,
  releaseTask,
  takeNext,
} from '../api/callbacks';

export const callbackKeys = {
  queues: ['callbacks', 'queues'] as const,
  stats: (days: number) => ['callbacks', 'stats', days] as const,
};

export function useQueues() {
  return useQuery({
    queryKey: callbackKeys.queues,
    queryFn: ({ signal }) => listQueues(signal),
    refetchInterval: 30_000,
  });
}

export function useTakeNext() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: takeNext,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callbackKeys.queues }),
  });
}

export function useRecordOutcome() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, body }: { taskId: number; body: CallOutcomeInput }) => recordOutcome(taskId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['callbacks'] }),
  });
}

export function useReleaseTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: releaseTask,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callbackKeys.queues }),
  });
}

export function useExtendTask() {
  return useMutation({ mutationFn: extendTask });
}

export function useCallStats(days: number) {
  return useQuery({ queryKey: callbackKeys.stats(days), queryFn: ({ signal }) => getStats(days, signal) });
}

export function useFeedNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: feedNow,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['callbacks'] }),
  });
}
