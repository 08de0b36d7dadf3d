import type { Role } from '@relance/domain/vocabulary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiKey, listApiKeys, revokeApiKey } from '../api/api-keys';

const KEY = ['api-keys'] as const;

export function useApiKeys() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => listApiKeys(signal) });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role }) => createApiKey(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeApiKey(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
