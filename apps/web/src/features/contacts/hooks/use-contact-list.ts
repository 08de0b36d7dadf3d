import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type ContactFilters, listContacts } from '../api/contacts';

/** One page at a time with the keyset cursor; never asks for a total count. */
export function useContactList(filters: ContactFilters) {
  return useInfiniteQuery({
    queryKey: ['contacts', 'list', filters],
    queryFn: ({ pageParam, signal }) => listContacts(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    placeholderData: keepPreviousData,
  });
}
