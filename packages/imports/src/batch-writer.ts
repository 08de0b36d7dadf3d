/**
 * Writes batches of an import, each in its own transaction (rows, then that batch's errors), with up to
 * `concurrency` batches in flight so that parsing the next batch overlaps with PostgreSQL writing the
 * previous one. Keeps the running counts and the cap on stored errors.
 */
import type { Sql } from '@relance/db/client';
import type { ImportKind } from '@relance/domain/vocabulary';
import type { BatchOutcome } from './batch-outcome';
import { flushContacts } from './contacts-batch';
import { copyLines, copyValue } from './copy';
import type { ContactRow, OrderRow, RowError, RowMapper } from './map-row';
import { flushOrders } from './orders-batch';

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  errorsTruncated: number;
}

/** deadlock, serialization failure, unique violation (a concurrent writer created the same contact) */
const RETRYABLE = new Set(['40P01', '40001', '23505']);
const ATTEMPTS = 3;

export class BatchWriter {
  readonly counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, failed: 0, errorsTruncated: 0 };
  private errorsStored = 0;
  private readonly inflight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly ctx: {
      importId: string;
      kind: ImportKind;
      source: string;
      mapper: RowMapper;
      concurrency: number;
      maxErrors: number;
    },
  ) {}

  /** A row refused before the database step (its errors are submitted with the next batch). */
  countFailedRow(): void {
    this.counts.failed++;
  }

  /** Starts writing a batch; waits while `concurrency` batches are already being written. */
  async submit(rows: (ContactRow | OrderRow)[], errors: RowError[]): Promise<void> {
    while (this.inflight.size >= this.ctx.concurrency) await Promise.race(this.inflight);
    if (this.failure) throw this.failure.error;
    if (rows.length === 0 && errors.length === 0) return;
    const p: Promise<void> = this.write(rows, errors)
      .catch((error) => {
        this.failure ??= { error };
      })
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  /** Waits for every batch; throws the first batch error. */
  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.all(this.inflight);
    if (this.failure) throw this.failure.error;
  }

  private async write(rows: (ContactRow | OrderRow)[], nodeErrors: RowError[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let reserved = 0;
      try {
        const outcome = await this.sql.begin(async (tx) => {
          // a lost commit after a crash is redone by the retry: no need to wait for the disk
          await tx`SET LOCAL synchronous_commit = off`;
          let result: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, failed: 0, problems: [] };
          if (rows.length) {
            result =
              this.ctx.kind === 'contacts'
                ? await flushContacts(tx, rows as ContactRow[], {
                    source: this.ctx.source,
                    mapper: this.ctx.mapper,
                  })
                : await flushOrders(tx, rows as OrderRow[], { mapper: this.ctx.mapper });
          }
          const all = nodeErrors.length ? [...nodeErrors, ...result.problems] : result.problems;
          reserved = Math.max(0, Math.min(all.length, this.ctx.maxErrors - this.errorsStored));
          this.errorsStored += reserved;
          const id = this.ctx.importId;
          await copyLines(
            tx,
            'import_errors',
            ['import_id', 'line', '"column"', 'reason', 'value'],
            all
              .slice(0, reserved)
              .map(
                (e) =>
                  `${id}\t${e.line}\t${copyValue(e.column)}\t${copyValue(e.reason)}\t${copyValue(e.value)}\n`,
              ),
          );
          return { ...result, truncated: all.length - reserved };
        });
        this.counts.inserted += outcome.inserted;
        this.counts.updated += outcome.updated;
        this.counts.unchanged += outcome.unchanged;
        this.counts.failed += outcome.failed;
        this.counts.errorsTruncated += outcome.truncated;
        return;
      } catch (err) {
        this.errorsStored -= reserved;
        const code = (err as { code?: string }).code;
        if (attempt < ATTEMPTS && code !== undefined && RETRYABLE.has(code)) continue;
        throw err;
      }
    }
  }
}
