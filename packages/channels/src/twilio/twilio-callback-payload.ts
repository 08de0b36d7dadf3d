import { z } from 'zod';

/**
 * A Twilio callback as kept in `inbound_batches`: its form parameters and its URL's query (the `sendId` the
 * adapters add to status and detection callbacks), both strings.
 */
export const twilioCallbackSchema = z.object({
  params: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()).default({}),
});
export type TwilioCallback = z.infer<typeof twilioCallbackSchema>;

const SEND_ID = /^[1-9]\d{0,17}$/;

/** The callback's send id, when the URL carried one. */
export function callbackSendId(callback: TwilioCallback): number | null {
  const id = callback.query.sendId;
  return id && SEND_ID.test(id) ? Number(id) : null;
}

/** A Twilio sid: two letters and 32 hex digits. */
export const twilioSid = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), { error: `must be ${prefix} and 32 hex digits` });
