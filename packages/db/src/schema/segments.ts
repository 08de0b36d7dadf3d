import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Saved segments. `definition` is the domain's validated segment rule tree (AND/OR groups of rules on
 * catalogue fields), kept as JSON: it is read whole and compiled to SQL at count time, so a saved
 * segment always counts against the contact file as it is now. `version` guards concurrent edits.
 */
export const segments = pgTable(
  'segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    definition: jsonb('definition').$type<unknown>().notNull(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('segments_updated_idx').on(t.updatedAt)],
);
