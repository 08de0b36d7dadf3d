import type { Channel } from '@relance/domain/vocabulary';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addInteraction,
  type ConsentChange,
  getContact,
  getTimeline,
  listInteractions,
  listOrders,
  type NewInteraction,
  setConsent,
} from '../api/contacts';

export const contactKeys = {
  all: (id: string) => ['contacts', 'detail', id] as const,
  detail: (id: string) => ['contacts', 'detail', id, 'card'] as const,
  orders: (id: string) => ['contacts', 'detail', id, 'orders'] as const,
  interactions: (id: string) => ['contacts', 'detail', id, 'interactions'] as const,
  timeline: (id: string) => ['contacts', 'detail', id, 'timeline'] as const,
};

export function useContact(id: string) {
  return useQuery({ queryKey: contactKeys.detail(id), queryFn: ({ signal }) => getContact(id, signal) });
}

export function useOrders(id: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.orders(id),
    queryFn: ({ pageParam, signal }) => listOrders(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useInteractions(id: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.interactions(id),
    queryFn: ({ pageParam, signal }) => listInteractions(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.timeline(id),
    queryFn: ({ pageParam, signal }) => getTimeline(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useAddInteraction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInteraction) => addInteraction(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: contactKeys.interactions(id) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.timeline(id) });
    },
  });
}

export function useSetConsent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, change }: { channel: Channel; change: ConsentChange }) =>
      setConsent(id, channel, change),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: contactKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.timeline(id) });
      void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
    },
  });
}
