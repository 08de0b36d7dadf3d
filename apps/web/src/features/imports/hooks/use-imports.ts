import type { ImportKind } from '@relance/domain/vocabulary';
import { useQuery } from '@tanstack/react-query';
import { getImport, listImports } from '../api/imports';

export function useImportList(kind: ImportKind, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', kind, 'list'],
    queryFn: ({ signal }) => listImports(kind, signal),
    enabled,
    staleTime: 0,
    // keep a running import's line fresh while the list is open
    refetchInterval: (query) =>
      query.state.data?.items.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false,
  });
}

/** Polls every second until the import is completed or failed. */
export function useImport(kind: ImportKind, id: string) {
  return useQuery({
    queryKey: ['imports', kind, id],
    queryFn: ({ signal }) => getImport(kind, id, signal),
    staleTime: 0,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : 1000;
    },
    refetchIntervalInBackground: true,
  });
}
