import type { SendResult } from '../result';

/** A phone step for one contact: nothing is sent; a telemarketer calls (see the callback queue). */
export interface OutgoingPhoneTask {
  channel: 'phone';
  sendId: string;
  contactId: string;
  /** E.164, or null when the contact has no number (the task says so, someone finds one) */
  phone: string | null;
  /** not before this time (ISO 8601), e.g. the step's day; null: as soon as possible */
  dueAt?: string | null;
  /** higher first; e.g. the contact's score */
  priority?: number;
}

export interface PhoneAdapter {
  channel: 'phone';
  provider: 'callback-queue';
  sendBatch(messages: ReadonlyArray<OutgoingPhoneTask>): Promise<SendResult[]>;
}

/** The phone channel has no provider: each message becomes a request for a callback task. */
export function createPhoneAdapter(): PhoneAdapter {
  return {
    channel: 'phone',
    provider: 'callback-queue',
    sendBatch: async (messages) =>
      messages.map((m) => ({
        kind: 'callback-task',
        sendId: m.sendId,
        task: {
          reason: 'phone-step',
          contactId: m.contactId,
          phone: m.phone,
          dueAt: m.dueAt ?? null,
          priority: m.priority ?? 0,
        },
      })),
  };
}
