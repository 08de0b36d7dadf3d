import type { SendEventInput } from '@relance/db/queries/send-events-apply';

export interface EventBufferOptions {
  /** flush when this many events wait */
  maxEvents?: number;
  /** the most events one write takes, when more wait (a backlog is written in fewer, larger statements) */
  maxBatch?: number;
  /** flush at most this long after the first waiting event */
  intervalMs?: number;
  /**
   * beyond this many waiting events: while writes succeed (the database is only slower than the clicks), callers
   * are asked to wait for room (`room`), and past twice as many, or while writes fail (the database is down), new
   * events are dropped and counted
   */
  maxPending?: number;
  log?: (message: string) => void;
}

/**
 * Clicks and opens, recorded off the request path: a tracked link answers at once and its event waits here, to
 * be written with the others of the last ~100 ms (or 500 events) in one set-based `applySendEvents` call. One
 * flush runs at a time, taking up to `maxBatch` events per write when a backlog has built up; `close()` writes
 * what is left (the API's shutdown). A crash (or a kill -9) loses the events still waiting, at most ~100 ms of
 * clicks and opens; a failed write is retried with the next flush. When clicks come faster than the database
 * writes them, `room()` makes the tracked links wait (backpressure: their latency rises, no click is lost).
 */
export class EventBuffer {
  private pending: SendEventInput[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly maxEvents: number;
  private readonly maxBatch: number;
  private readonly intervalMs: number;
  /** the last write failed (the database is down): events beyond maxPending are dropped, nobody waits */
  private failing = false;
  private waiters: (() => void)[] = [];
  private readonly maxPending: number;
  private readonly log: (message: string) => void;
  /** events dropped because too many were waiting */
  dropped = 0;

  constructor(
    private readonly apply: (events: SendEventInput[]) => Promise<unknown>,
    options: EventBufferOptions = {},
  ) {
    this.maxEvents = options.maxEvents ?? 500;
    this.maxBatch = Math.max(this.maxEvents, options.maxBatch ?? 5000);
    this.intervalMs = options.intervalMs ?? 100;
    this.maxPending = options.maxPending ?? 100_000;
    this.log = options.log ?? ((m) => console.error(`[api] ${m}`));
  }

  add(event: SendEventInput): void {
    if (this.pending.length >= (this.failing ? this.maxPending : 2 * this.maxPending)) {
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
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.apply(batch);
          this.failing = false;
          if (this.pending.length < this.maxPending) this.release();
        } catch (err) {
          this.failing = true;
          this.release();
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

  /**
   * Undefined while there is room; else (clicks come faster than they are written) a promise that resolves once
   * the backlog is back under `maxPending`, or a write failed. The caller answers after it.
   */
  room(): Promise<void> | undefined {
    if (this.pending.length < this.maxPending || this.failing) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** The API's shutdown: writes what waits. */
  async close(): Promise<void> {
    await this.flush();
  }
}
