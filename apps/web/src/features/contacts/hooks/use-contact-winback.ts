import type { HandScoresInput } from '@relance/domain/winback/inputs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getContactWinback, type NewLostReason, recordLostReason, saveHandScores } from '../api/winback';

const key = (id: string) => ['contacts', 'detail', id, 'winback'] as const;

export function useContactWinback(id: string) {
  return useQuery({ queryKey: key(id), queryFn: ({ signal }) => getContactWinback(id, signal) });
}

export function useRecordLostReason(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewLostReason) => recordLostReason(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key(id) });
      // the win-back lists and the barometer read lost reasons live
      void queryClient.invalidateQueries({ queryKey: ['winback'] });
    },
  });
}

export function useSaveHandScores(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HandScoresInput) => saveHandScores(id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(key(id), saved);
      void queryClient.invalidateQueries({ queryKey: ['winback'] });
    },
  });
}
