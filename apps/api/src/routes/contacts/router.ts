import { contactTimeline, TIMELINE_TYPES, type TimelineCursor } from '@relance/db/queries/contact-timeline';
import {
  addInteraction,
  createContact,
  getContact,
  listInteractions,
  listOrders,
  setConsent,
  updateContact,
} from '@relance/db/queries/contacts';
import { decodeCursor, encodeCursor, listContacts } from '@relance/db/queries/contacts-list';
import {
  consentInput,
  createContactInput,
  interactionInput,
  updateContactInput,
} from '@relance/domain/contact-input';
import { AppError } from '@relance/domain/errors';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { exportRoute } from './export';
import {
  consentParams,
  consentSchema,
  contactDetail,
  contactIdParams,
  contactSchema,
  contactSummary,
  interactionSchema,
  listContactsQuery,
  orderSchema,
  page,
  pageQuery,
} from './schemas';

const cursorOrFail = (raw: string | undefined) => {
  if (!raw) return null;
  const cursor = decodeCursor(raw);
  if (!cursor)
    throw AppError.validation('The cursor is not one this API gave.', [
      { field: 'cursor', message: 'Start again from the first page' },
    ]);
  return cursor;
};

const timelineCursorSchema = z.object({
  at: z.iso.datetime(),
  type: z.enum(TIMELINE_TYPES),
  id: z.number().int().positive(),
});
/** A timeline cursor as this API gave it (base64url JSON), or a field error. */
function timelineCursor(raw: string | undefined): TimelineCursor | null {
  if (!raw) return null;
  try {
    const parsed = timelineCursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the error below
  }
  throw AppError.validation('The cursor is not one this API gave.', [
    { field: 'cursor', message: 'Start again from the first page' },
  ]);
}

export function contactRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;

  api.add(
    {
      method: 'get',
      path: '/api/contacts',
      summary: 'Search and list contacts (keyset pagination)',
      tag: 'contacts',
      access: 'contacts:read',
      query: listContactsQuery,
      response: page(contactSummary),
    },
    ({ query }) => {
      const { sort, order, limit, cursor, ...filters } = query;
      return listContacts(db, { filters, sort, order, limit, cursor: cursorOrFail(cursor) });
    },
  );

  // registered before /api/contacts/:id so that "export.csv" is not taken for an id
  exportRoute(api, deps);

  api.add(
    {
      method: 'post',
      path: '/api/contacts',
      summary: 'Create a contact',
      tag: 'contacts',
      access: 'contacts:write',
      body: createContactInput,
      response: contactSchema,
      status: 201,
    },
    ({ body }) => createContact(db, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/contacts/:id',
      summary: 'A contact with consents, company, members and order stats',
      tag: 'contacts',
      access: 'contacts:read',
      params: contactIdParams,
      response: contactDetail,
    },
    async ({ params }) => {
      const detail = await getContact(db, params.id);
      if (!detail) throw AppError.notFound('This contact');
      return detail;
    },
  );

  api.add(
    {
      method: 'patch',
      path: '/api/contacts/:id',
      summary: 'Change a contact',
      tag: 'contacts',
      access: 'contacts:write',
      params: contactIdParams,
      body: updateContactInput,
      response: contactSchema,
    },
    ({ params, body }) => updateContact(db, params.id, body),
  );

  api.add(
    {
      method: 'put',
      path: '/api/contacts/:id/consents/:channel',
      summary: 'Record a consent (kept as proof)',
      tag: 'contacts',
      access: 'consents:write',
      params: consentParams,
      body: consentInput,
      response: consentSchema,
    },
    ({ params, body, principal }) =>
      setConsent(db, {
        contactId: params.id,
        channel: params.channel,
        status: body.status,
        legalBasis: body.legalBasis,
        source:
          body.source ??
          (principal.kind === 'user' ? `user:${principal.user.email}` : `api-key:${principal.apiKey.name}`),
      }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/contacts/:id/orders',
      summary: "A contact's orders, newest first",
      tag: 'contacts',
      access: 'contacts:read',
      params: contactIdParams,
      query: pageQuery,
      response: page(orderSchema),
    },
    async ({ params, query }) => {
      const cursor = cursorOrFail(query.cursor);
      const result = await listOrders(db, params.id, {
        limit: query.limit,
        before: cursor ? { at: cursor.key, id: cursor.id } : null,
      });
      return {
        items: result.items,
        nextCursor: result.next ? encodeCursor({ key: result.next.at, id: result.next.id }) : null,
      };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/contacts/:id/interactions',
      summary: "A contact's interaction log",
      tag: 'contacts',
      access: 'contacts:read',
      params: contactIdParams,
      query: pageQuery,
      response: page(interactionSchema),
    },
    async ({ params, query }) => {
      const cursor = cursorOrFail(query.cursor);
      const result = await listInteractions(db, params.id, { limit: query.limit, beforeId: cursor?.id });
      return {
        items: result.items,
        nextCursor: result.next ? encodeCursor({ key: '', id: result.next }) : null,
      };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/contacts/:id/interactions',
      summary: 'Log a call, visit, complaint, after-sales contact or note',
      tag: 'contacts',
      access: 'interactions:write',
      params: contactIdParams,
      body: interactionInput,
      response: interactionSchema,
      status: 201,
    },
    ({ params, body, principal }) =>
      addInteraction(db, { contactId: params.id, ...body, userId: actorId(principal) }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/contacts/:id/timeline',
      summary:
        'Everything that happened to a contact, newest first: orders, interactions, consents, suppressions, ' +
        'sends, what came back from them, follow-up moves (keyset pages)',
      tag: 'contacts',
      access: 'contacts:read',
      params: contactIdParams,
      query: z.object({
        cursor: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: z.object({
        items: z.array(
          z
            .object({
              type: z.enum(TIMELINE_TYPES),
              at: z.string(),
              id: z.number(),
            })
            .loose(),
        ),
        nextCursor: z.string().nullable(),
      }),
    },
    async ({ params, query }) => {
      const page = await contactTimeline(db, params.id, query.limit, timelineCursor(query.cursor));
      return {
        items: page.items,
        nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : null,
      };
    },
  );
}
