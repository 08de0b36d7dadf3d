import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { importKindEnum, importStatusEnum } from './enums';
import { users } from './users';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** A CSV import of contacts or orders, processed by the worker. */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: importKindEnum('kind').notNull(),
    status: importStatusEnum('status').notNull().default('queued'),
    filename: text('filename').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    encoding: text('encoding'),
    delimiter: text('delimiter'),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    bytesProcessed: bigint('bytes_processed', { mode: 'number' }).notNull().default(0),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsInserted: integer('rows_inserted').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    rowsUnchanged: integer('rows_unchanged').notNull().default(0),
    rowsFailed: integer('rows_failed').notNull().default(0),
    errorsTruncated: integer('errors_truncated').notNull().default(0),
    failure: text('failure'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('imports_created_idx').on(t.createdAt)],
);

/** The uploaded file, kept in PostgreSQL in chunks so that any worker on any machine can read it. */
export const importChunks = pgTable(
  'import_chunks',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

/** Per-row errors of an import: the file's line number (1 = header), the column, and what to fix. */
export const importErrors = pgTable(
  'import_errors',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    column: text('column').notNull().default(''),
    reason: text('reason').notNull(),
    value: text('value'),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.line)],
);
