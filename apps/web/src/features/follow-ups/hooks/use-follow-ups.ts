import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  editFollowUp,
  getBoard,
  getDueCount,
  getFollowUp,
  listCampaigns,
  listDue,
  type MoveBody,
  moveFollowUp,
  type Scope,
  scheduleReminder,
} from '../api/follow-ups';

export const followUpKeys = {
  all: ['follow-ups'] as const,
  campaigns: ['follow-ups', 'campaigns'] as const,
  board: (campaignId: string) => ['follow-ups', 'board', campaignId] as const,
  detail: (id: number) => ['follow-ups', 'detail', id] as const,
  due: (scope: Scope) => ['follow-ups', 'due', scope] as const,
  dueCount: (scope: Scope) => ['follow-ups', 'due-count', scope] as const,
};

export function useFollowUpCampaigns() {
  return useQuery({ queryKey: followUpKeys.campaigns, queryFn: ({ signal }) => listCampaigns(signal) });
}

export function useBoard(campaignId: string | null) {
  return useQuery({
    queryKey: followUpKeys.board(campaignId ?? ''),
    queryFn: ({ signal }) => getBoard(campaignId!, signal),
    enabled: campaignId !== null,
  });
}

export function useFollowUp(id: number | null) {
  return useQuery({
    queryKey: followUpKeys.detail(id ?? 0),
    queryFn: ({ signal }) => getFollowUp(id!, signal),
    enabled: id !== null,
  });
}

/** Any change to a follow-up: the board, the due list, the counts and the detail read again. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: followUpKeys.all });
}

export function useMove() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: MoveBody }) => moveFollowUp(id, body),
    onSettled: invalidate,
  });
}

export function useEditNotes() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, notes }: { id: number; version: number; notes: string | null }) =>
      editFollowUp(id, { version, notes }),
    onSettled: invalidate,
  });
}

export function useScheduleReminder() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, dueAt, note }: { id: number; dueAt: string; note: string | null }) =>
      scheduleReminder(id, { dueAt, note }),
    onSettled: invalidate,
  });
}

export function useDue(scope: Scope) {
  return useInfiniteQuery({
    queryKey: followUpKeys.due(scope),
    queryFn: ({ pageParam, signal }) => listDue(scope, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useDueCount(scope: Scope, enabled = true) {
  return useQuery({
    queryKey: followUpKeys.dueCount(scope),
    queryFn: ({ signal }) => getDueCount(scope, signal),
    enabled,
    refetchInterval: 5 * 60_000,
  });
}
