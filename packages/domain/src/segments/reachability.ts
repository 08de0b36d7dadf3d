import type { Channel } from '../vocabulary';

/**
 * What a contact needs to be reachable on a channel: an address for it, the consent it requires, and that
 * address not on the suppression list.
 *
 * - Email, SMS and voice messages (automated calls) to consumers need prior consent in France (CPCE L34-5);
 *   the contact file records a customer's soft opt-in and a professional's B2B interest as `opt_in` with
 *   that legal basis, so "opt_in" covers all three lawful cases.
 * - Postal mail and live phone calls are opt-out channels: anyone who has not said no may be contacted
 *   (for calls, Bloctel and do-not-call requests are suppressions of the number).
 */
export type ConsentNeed = 'opt_in' | 'not_opt_out';
export type AddressSource = 'email' | 'mobile' | 'phone_or_mobile' | 'postal_address';

export const CHANNEL_REACH: Record<Channel, { address: AddressSource; consent: ConsentNeed }> = {
  email: { address: 'email', consent: 'opt_in' },
  sms: { address: 'mobile', consent: 'opt_in' },
  voice: { address: 'mobile', consent: 'opt_in' },
  postal: { address: 'postal_address', consent: 'not_opt_out' },
  phone: { address: 'phone_or_mobile', consent: 'not_opt_out' },
};
