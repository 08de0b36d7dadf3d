import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getDispatchProgress, listUnknownSends, reconcileSends, requeueCampaign } from '../api/dispatch';

/** Statuses in which sends are moving: the progress is polled every few seconds. */
const LIVE = new Set(['testing', 'awaiting_rollout', 'running', 'paused']);

const key = (campaignId: string) => ['campaigns', campaignId, 'dispatch'] as const;

/** The campaign's sending progress, live while it sends. */
export function useDispatchProgress(campaignId: string, status: string) {
  return useQuery({
    queryKey: key(campaignId),
    queryFn: ({ signal }) => getDispatchProgress(campaignId, signal),
    refetchInterval: (query) => {
      const pending = query.state.data?.totals.pending ?? 0;
      return LIVE.has(status) || pending > 0 ? 3000 : false;
    },
  });
}

export function useUnknownSends(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(campaignId), 'unknown'],
    queryFn: ({ signal }) => listUnknownSends(campaignId, signal),
    enabled,
  });
}

export function useReconcile(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { sendIds: number[]; outcome: 'sent' | 'resend' }) =>
      reconcileSends(campaignId, input.sendIds, input.outcome),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(campaignId) }),
  });
}

export function useRequeue(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => requeueCampaign(campaignId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(campaignId) }),
  });
}
