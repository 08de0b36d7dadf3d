import { ATTRIBUTION_RULES } from '@relance/domain/tracking/attribution';
import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { contacts } from './contacts';
import { sendEventKindEnum } from './dispatch';
import { users } from './users';

export const attributionRuleEnum = pgEnum('attribution_rule', ATTRIBUTION_RULES);

/**
 * Every response, quote or sale recorded by a code at the redemption screen (`source` redemption) or reported by
 * a website or CRM (`source` conversion), once per idempotency key (the screen's per-submission key, the
 * caller's order id): a retry finds its row and changes nothing. A row credited to a send (`send_id`) is also an
 * event of that send (`send_events`, source = this row's source, source id = this row's id), which the board and
 * the follow-ups count; a row credited to no send (attribution `none`, or a coupon whose redeemer got no send of
 * the campaign) is kept here, counted as unattributed, never lost. tracking/attribution.ts states the rules.
 */
export const conversions = pgTable(
  'conversions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: sendEventKindEnum('kind').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }),
    currency: text('currency').notNull().default('EUR'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** the tracking or coupon code as given (compact, upper case), if any */
    code: text('code'),
    email: text('email'),
    phone: text('phone'),
    rule: attributionRuleEnum('rule').notNull(),
    sendId: bigint('send_id', { mode: 'number' }),
    contactId: bigint('contact_id', { mode: 'number' }).references(() => contacts.id, {
      onDelete: 'set null',
    }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('conversions_source_key').on(t.source, t.idempotencyKey),
    index('conversions_campaign_idx').on(t.campaignId, t.occurredAt),
    index('conversions_unattributed_idx').on(t.occurredAt).where(sql`send_id IS NULL`),
  ],
);
