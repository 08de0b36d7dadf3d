import type { Channel } from '@relance/domain/vocabulary';
import { z } from 'zod';
import { api, writeHeaders } from '../../../lib/api-client';
import { ApiError, apiErrorFrom } from '../../../lib/api-error';

const bothSchema = z.object({ text: z.string(), html: z.string() });

/** `POST /api/campaigns/preview` for every channel but letters (which answer a PDF). */
export const renderedContentSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), subject: z.string(), html: z.string(), text: z.string() }),
  z.object({ channel: z.literal('sms'), text: z.string() }),
  // a voice message is a script read aloud, or a recording (the same for every contact)
  z.discriminatedUnion('kind', [
    z.object({
      channel: z.literal('voice'),
      kind: z.literal('script'),
      text: z.string(),
      estimatedSeconds: z.number(),
    }),
    z.object({
      channel: z.literal('voice'),
      kind: z.literal('audio'),
      mediaId: z.string(),
      audioPath: z.string(),
      audioUrl: z.string(),
      durationSeconds: z.number(),
    }),
  ]),
  z.object({ channel: z.literal('phone'), script: bothSchema, offer: bothSchema }),
]);
export type RenderedContent = z.infer<typeof renderedContentSchema>;

export interface PreviewRequest {
  channel: Channel;
  content: unknown;
  /** a contact of the file; without one, the API's example contact */
  contactId?: number;
  /** the campaign's offer as worded, for {{offer}} */
  offer?: string;
}

export function previewContent(input: PreviewRequest, signal?: AbortSignal) {
  return api('/api/campaigns/preview', renderedContentSchema, { method: 'POST', body: input, signal });
}

/** A letter's PDF proof. Not through `api()`: the answer is a PDF, not JSON (the CSRF header still goes). */
export async function letterProof(input: Omit<PreviewRequest, 'channel'>): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch('/api/campaigns/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/pdf', ...writeHeaders() },
      body: JSON.stringify({ ...input, channel: 'postal' }),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiError({ status: 0, code: 'network', title: 'Network error', detail: String(err) });
  }
  if (!response.ok) throw apiErrorFrom(response.status, await response.text(), response.statusText);
  return response.blob();
}

const text = z.string().nullish();
/** The few contact fields the preview's contact picker shows (the contacts feature has the full schema). */
const contactOptionSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(Number),
  civility: text,
  firstName: text,
  lastName: text,
  companyName: text,
  email: text,
  city: text,
});
export type ContactOption = z.infer<typeof contactOptionSchema>;

/** Contacts matching `q` (the contacts list's search), a few at a time. */
export function searchContacts(q: string, signal?: AbortSignal) {
  return api('/api/contacts', z.object({ items: z.array(contactOptionSchema) }), {
    query: { q: q.trim(), limit: 10 },
    signal,
  });
}
