import { useDebouncedValue } from '@mantine/hooks';
import type { SegmentDefinition } from '@relance/domain/segments/definition';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  countSavedSegment,
  countSegment,
  createSegment,
  deleteSegment,
  getSegment,
  listCampaignNames,
  listFields,
  listSegments,
  previewSegment,
  replaceSegment,
  type SavedSegment,
  type SegmentInput,
} from '../api/segments';

const KEY = ['segments'] as const;

export function useSegmentFields() {
  return useQuery({
    queryKey: [...KEY, 'fields'],
    queryFn: ({ signal }) => listFields(signal),
    staleTime: Infinity,
  });
}

export function useSegments() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => listSegments(signal) });
}

export function useSegment(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: ({ signal }) => getSegment(id!, signal),
    enabled: Boolean(id),
  });
}

export function useSavedSegmentCount(id: string) {
  return useQuery({
    queryKey: [...KEY, id, 'count'],
    queryFn: ({ signal }) => countSavedSegment(id, signal),
  });
}

export function useCampaignNames(enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'campaign-names'],
    queryFn: ({ signal }) => listCampaignNames(signal),
    enabled,
  });
}

/** Create when there is no id yet, else replace with the version loaded. */
export function useSaveSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; segment: SegmentInput }) =>
      input.id && input.version
        ? replaceSegment(input.id, input.version, input.segment)
        : createSegment(input.segment),
    onSuccess: (saved: SavedSegment) => {
      queryClient.setQueryData([...KEY, saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteSegment(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY, exact: true }),
  });
}

/**
 * The live count of the segment being edited (nothing while a rule is incomplete), asked 400 ms after the last
 * edit; then, once counted, the reach per channel, which takes longer. Previous answers stay on screen meanwhile.
 */
export function useLiveCount(definition: SegmentDefinition | null) {
  const key = definition ? JSON.stringify(definition) : null;
  const [debounced] = useDebouncedValue(key, 400);
  const count = useQuery({
    queryKey: [...KEY, 'count', debounced],
    queryFn: ({ signal }) => countSegment(JSON.parse(debounced!) as SegmentDefinition, false, signal),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
  const reach = useQuery({
    queryKey: [...KEY, 'reach', debounced],
    queryFn: ({ signal }) => countSegment(JSON.parse(debounced!) as SegmentDefinition, true, signal),
    enabled: debounced !== null && count.isSuccess && !count.isPlaceholderData,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
  return { count, reach };
}

/** The first 50 contacts of the segment being edited, when asked for, following the edits (debounced). */
export function useLivePreview(definition: SegmentDefinition | null, enabled: boolean) {
  const key = definition ? JSON.stringify(definition) : null;
  const [debounced] = useDebouncedValue(key, 400);
  return useQuery({
    queryKey: [...KEY, 'preview', debounced],
    queryFn: ({ signal }) => previewSegment(JSON.parse(debounced!) as SegmentDefinition, signal),
    enabled: enabled && debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
}
