import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const MEDIA_KINDS = ['audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const mediaKindEnum = pgEnum('media_kind', MEDIA_KINDS);

/**
 * Uploaded media, for now the recorded audio of voice messages, served to the provider (Twilio `<Play>`) and to
 * the browser at /media/:id (the random uuid is the only key: unguessable, no session).
 *
 * The bytes live in one `bytea` column: files are capped at 5 MB (a 60 s voice message is ~1 MB in MP3, ~1 MB in
 * 8 kHz WAV), far under PostgreSQL's 1 GB limit, TOASTed out of line so scanning the table stays cheap, and
 * read whole anyway; every API process on every machine can serve them and a backup holds them. Large streamed
 * uploads (CSV imports) use chunks instead.
 */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: mediaKindEnum('kind').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    durationSeconds: real('duration_seconds').notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('media_created_idx').on(t.createdAt),
    check('media_byte_size_check', sql`${t.byteSize} > 0 AND ${t.byteSize} = octet_length(${t.bytes})`),
    check('media_duration_check', sql`${t.durationSeconds} > 0`),
  ],
);
