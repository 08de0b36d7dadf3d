import type { SendEventKind } from '@relance/domain/dispatch/sends';
import type { ProviderEvent } from '@relance/domain/tracking/inbound';
import { z } from 'zod';

/**
 * One SendGrid Event Webhook event (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event):
 * the fields read here; the others (smtp-id, sg_message_id, category, ip...) are let through. `custom_args` are
 * flattened into the event: `send_id` is what the SendGrid adapter put in each personalization (sendgrid-body.ts).
 */
const sendgridEventSchema = z.looseObject({
  event: z.string().min(1),
  sg_event_id: z.string().min(1).max(200),
  timestamp: z.number().int().nonnegative(),
  email: z.string().optional(),
  send_id: z.union([z.string(), z.number()]).optional(),
  /** bounce: `bounce` (hard) or `blocked` (soft: refused for now, e.g. the receiver's reputation filter) */
  type: z.string().optional(),
  reason: z.string().optional(),
  status: z.string().optional(),
  bounce_classification: z.string().optional(),
  response: z.string().optional(),
  url: z.string().optional(),
  sg_machine_open: z.boolean().optional(),
  asm_group_id: z.number().optional(),
});
export type SendgridEvent = z.infer<typeof sendgridEventSchema>;

export interface NormalisedBatch {
  events: ProviderEvent[];
  /** events that record nothing: processed, deferred, no send id (mail sent by something else), unknown kinds */
  skipped: number;
  /** events that are not SendGrid events at all (kept out, the rest of the batch goes on) */
  invalid: { index: number; message: string }[];
}

const SEND_ID = /^[1-9]\d{0,17}$/;

/** What a SendGrid event records on its send, with what the board and the timeline show of it; null: nothing. */
function kindOf(e: SendgridEvent): { kind: SendEventKind; detail: Record<string, unknown> | null } | null {
  switch (e.event) {
    case 'delivered':
      return { kind: 'delivered', detail: e.response ? { response: e.response } : null };
    case 'bounce': {
      const detail = {
        type: e.type ?? 'bounce',
        ...(e.status ? { status: e.status } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        ...(e.bounce_classification ? { classification: e.bounce_classification } : {}),
      };
      // a block is a soft failure (the address may be fine): not delivered, not suppressed
      return { kind: e.type === 'blocked' ? 'undelivered' : 'bounced', detail };
    }
    case 'dropped':
      return { kind: 'dropped', detail: e.reason ? { reason: e.reason } : null };
    case 'open':
      return { kind: 'opened', detail: e.sg_machine_open ? { machineOpen: true } : null };
    case 'click':
      return { kind: 'clicked', detail: e.url ? { url: e.url } : null };
    case 'spamreport':
      return { kind: 'spam_reported', detail: null };
    case 'unsubscribe':
      return { kind: 'unsubscribed', detail: null };
    case 'group_unsubscribe':
      return { kind: 'unsubscribed', detail: e.asm_group_id ? { group: e.asm_group_id } : null };
    // processed, deferred (SendGrid retries), group_resubscribe and whatever SendGrid adds later
    default:
      return null;
  }
}

/**
 * A verified Event Webhook post's events, as events of our sends: matched through `send_id`, identified by
 * `sg_event_id` (SendGrid's retries and our re-deliveries carry the same id: recorded once), dated by their own
 * timestamp. Throws when the payload is not a JSON array (the batch is kept with that error).
 */
export function normaliseSendgridEvents(payload: unknown): NormalisedBatch {
  if (!Array.isArray(payload)) throw new Error('A SendGrid Event Webhook post is a JSON array of events.');
  const out: NormalisedBatch = { events: [], skipped: 0, invalid: [] };
  for (let i = 0; i < payload.length; i++) {
    const parsed = sendgridEventSchema.safeParse(payload[i]);
    if (!parsed.success) {
      out.invalid.push({
        index: i,
        message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
      continue;
    }
    const e = parsed.data;
    const mapped = kindOf(e);
    const sendId = e.send_id === undefined ? '' : String(e.send_id);
    if (!mapped || !SEND_ID.test(sendId)) {
      out.skipped += 1;
      continue;
    }
    out.events.push({
      sendId: Number(sendId),
      kind: mapped.kind,
      source: 'sendgrid',
      sourceId: e.sg_event_id,
      occurredAt: new Date(e.timestamp * 1000),
      detail: mapped.detail,
    });
  }
  return out;
}
