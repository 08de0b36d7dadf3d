import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  type PreviewRequest,
  previewContent,
  type RenderedContent,
  searchContacts,
} from '../api/content-preview';

export interface LivePreview {
  /** the last rendering that succeeded for the content as it was then */
  data: RenderedContent | undefined;
  /** the last answer's error (field errors of the content), cleared by the next success */
  error: unknown;
  /** a preview is on its way, or the content changed since the last one */
  pending: boolean;
}

/**
 * The step's content rendered by the API 500 ms after the last edit (null: no preview, e.g. nothing written yet).
 * The last answer stays shown while the next one is on its way, so that the preview and its errors do not flicker.
 */
export function useLivePreview(request: PreviewRequest | null): LivePreview {
  const key = request ? JSON.stringify(request) : null;
  const [debouncedKey] = useDebouncedValue(key, 500);
  const query = useQuery({
    queryKey: ['campaigns', 'content-preview', debouncedKey],
    queryFn: ({ signal }) => previewContent(JSON.parse(debouncedKey!) as PreviewRequest, signal),
    enabled: debouncedKey !== null,
    retry: false,
    staleTime: 60_000,
  });
  const [last, setLast] = useState<{ data: RenderedContent | undefined; error: unknown }>({
    data: undefined,
    error: null,
  });
  useEffect(() => {
    if (query.isSuccess) setLast({ data: query.data, error: null });
    else if (query.isError) setLast((prev) => ({ data: prev.data, error: query.error }));
  }, [query.isSuccess, query.isError, query.data, query.error]);
  return {
    ...last,
    pending: key !== null && (key !== debouncedKey || query.isFetching),
  };
}

/** Contacts for the preview's picker, searched 300 ms after the last keystroke. */
export function useContactSearch(q: string, enabled: boolean) {
  const [debounced] = useDebouncedValue(q, 300);
  return useQuery({
    queryKey: ['campaigns', 'preview-contacts', debounced],
    queryFn: ({ signal }) => searchContacts(debounced, signal),
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
