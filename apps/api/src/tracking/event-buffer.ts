import type { SendEventInput } from '@relance/db/queries/send-events-apply';

export interface EventBufferOptions {
  /** flush when this many events wait */
  maxEvents?: number;
  /** flush at most this long after the first waiting event */
  intervalMs?: number;
  /** beyond this many waiting events (the database is down or too slow), new ones are dropped and counted */
  maxPending?: number;
  log?: (message: string) => void;
}

/**
 * Clicks and opens, recorded off the request path: a tracked link answers at once and its event waits here, to
 * be written with the others of the last ~100 ms (or 500 events) in one set-based `applySendEvents` call. One
 * flush runs at a time; `close()` writes what is left (the API's shutdown). A crash (or a kill -9) loses the
 * events still waiting, at most ~100 ms of clicks and opens; a failed write is retried with the next flush.
 */
export class EventBuffer {
  private pending: SendEventInput[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly maxEvents: number;
  private readonly intervalMs: number;
  private readonly maxPending: number;
  private readonly log: (message: string) => void;
  /** events dropped because too many were waiting */
  dropped = 0;

  constructor(
    private readonly apply: (events: SendEventInput[]) => Promise<unknown>,
    options: EventBufferOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? 500;
    this.intervalMs = options.intervalMs ?? 100;
    this.maxPending = options.maxPending ?? 100_000;
    this.log = options.log ?? ((m) => console.error(`[api] ${m}`));
  }

  add(event: SendEventInput): void {
    if (this.pending.length >= this.maxPending) {
      this.dropped++;
      return;
    }
    this.pending.push(event);
    if (this.pending.length >= this.maxEvents) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes what waits now (after the flush in progress); resolves when it is written or has failed. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.running = this.running.then(async () => {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxEvents);
        try {
          await this.apply(batch);
        } catch (err) {
          // put them back for the next flush (their source ids make a retry harmless)
          this.pending.unshift(...batch.slice(0, Math.max(0, this.maxPending - this.pending.length)));
          this.log(
            `tracking events not written yet (${batch.length}): ${err instanceof Error ? err.message : err}`,
          );
          if (!this.timer) {
            this.timer = setTimeout(() => void this.flush(), 1000);
            this.timer.unref();
          }
          return;
        }
      }
    });
    return this.running;
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** The API's shutdown: writes what waits. */
  async close(): Promise<void> {
    await this.flush();
  }
}
