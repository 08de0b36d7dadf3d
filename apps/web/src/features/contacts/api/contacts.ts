import type { Channel, ConsentStatus, InteractionKind, LegalBasis } from '@relance/domain/vocabulary';
import { api, type QueryValue, toQueryString } from '../../../lib/api-client';
import {
  consentSchema,
  contactDetailSchema,
  contactPageSchema,
  interactionPageSchema,
  interactionSchema,
  orderPageSchema,
  timelineSchema,
} from './schemas';

export const CONTACT_SORTS = ['name', 'updated', 'created'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/** The list's filters, as in the URL and in the API's query string. */
export interface ContactFilters {
  q?: string;
  kind?: string;
  tag?: string;
  city?: string;
  postalCode?: string;
  consentChannel?: string;
  consentStatus?: string;
  sort?: string;
  order?: string;
}

export const FILTER_KEYS = [
  'q',
  'kind',
  'tag',
  'city',
  'postalCode',
  'consentChannel',
  'consentStatus',
  'sort',
  'order',
] as const satisfies readonly (keyof ContactFilters)[];

function filterParams(filters: ContactFilters): Record<string, QueryValue> {
  const params: Record<string, QueryValue> = {};
  for (const key of FILTER_KEYS) params[key] = filters[key]?.trim();
  return params;
}

export const PAGE_SIZE = 50;

export function listContacts(filters: ContactFilters, cursor: string | null, signal?: AbortSignal) {
  return api('/api/contacts', contactPageSchema, {
    query: { ...filterParams(filters), limit: PAGE_SIZE, cursor },
    signal,
  });
}

export function exportUrl(filters: ContactFilters): string {
  return `/api/contacts/export.csv${toQueryString(filterParams(filters))}`;
}

export function getContact(id: string, signal?: AbortSignal) {
  return api(`/api/contacts/${encodeURIComponent(id)}`, contactDetailSchema, { signal });
}

export function listOrders(id: string, cursor: string | null, signal?: AbortSignal) {
  return api(`/api/contacts/${encodeURIComponent(id)}/orders`, orderPageSchema, {
    query: { cursor },
    signal,
  });
}

export function listInteractions(id: string, cursor: string | null, signal?: AbortSignal) {
  return api(`/api/contacts/${encodeURIComponent(id)}/interactions`, interactionPageSchema, {
    query: { cursor },
    signal,
  });
}

export function getTimeline(id: string, cursor: string | null, signal?: AbortSignal) {
  return api(`/api/contacts/${encodeURIComponent(id)}/timeline`, timelineSchema, {
    query: { cursor },
    signal,
  });
}

export interface NewInteraction {
  kind: InteractionKind;
  subject?: string;
  body?: string;
  occurredAt?: string;
}

export function addInteraction(id: string, body: NewInteraction) {
  return api(`/api/contacts/${encodeURIComponent(id)}/interactions`, interactionSchema, {
    method: 'POST',
    body,
  });
}

export interface ConsentChange {
  status: ConsentStatus;
  legalBasis?: LegalBasis | null;
  source?: string;
}

export function setConsent(id: string, channel: Channel, body: ConsentChange) {
  return api(`/api/contacts/${encodeURIComponent(id)}/consents/${channel}`, consentSchema, {
    method: 'PUT',
    body,
  });
}
