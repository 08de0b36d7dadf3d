import type { SendgridWebhookSigner } from './signing';
import { twilioSignature } from './signing';

/** One SendGrid event (its fields as SendGrid posts them, custom_args flattened in). */
export type SendgridEvent = Record<string, unknown> & { event: string; sg_event_id: string };

type Item =
  | { kind: 'sendgrid-event'; url: string; event: SendgridEvent }
  | { kind: 'twilio'; url: string; params: Record<string, string> };

/** What the sandbox posted, and what the receiver answered (kept for tests and the demo's curious). */
export interface WebhookDelivery {
  kind: 'sendgrid-events' | 'twilio';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** the receiver's HTTP status, or null when it could not be reached */
  status: number | null;
  error?: string;
  postedAt: string;
}

/** SendGrid posts events in batches; it caps a batch at about a thousand events. */
const SENDGRID_BATCH = 1000;
const TICK_MS = 25;

/**
 * Webhooks due at a given time, in a min-heap, posted by one timer: Twilio callbacks one request each,
 * SendGrid events gathered into signed batches per URL. Like the real providers, it does not promise the
 * order of deliveries, and a receiver that fails is not retried (the log says so).
 */
export class WebhookScheduler {
  private heap: { at: number; seq: number; item: Item }[] = [];
  private seq = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  private readonly log: WebhookDelivery[] = [];

  constructor(
    private readonly signer: SendgridWebhookSigner,
    private readonly twilioAuthToken: () => string,
    private readonly options: { concurrency?: number; logLimit?: number; timeoutMs?: number } = {},
  ) {}

  sendgridEvent(at: number, url: string, event: SendgridEvent): void {
    this.push(at, { kind: 'sendgrid-event', url, event });
  }

  twilio(at: number, url: string, params: Record<string, string>): void {
    this.push(at, { kind: 'twilio', url, params });
  }

  get pending(): number {
    return this.heap.length + this.inFlight;
  }

  deliveries(): WebhookDelivery[] {
    return [...this.log];
  }

  clearLog(): void {
    this.log.length = 0;
  }

  /** Resolves once every scheduled webhook has been posted and answered. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Forgets what is not posted yet (the sandbox is closing, or a test starts afresh). */
  clear(): void {
    this.heap = [];
    this.settle();
  }

  close(): void {
    this.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private push(at: number, item: Item): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent]!, heap[i]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
  }

  private pop(): Item | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top.item;
  }

  private tick(): void {
    const limit = this.options.concurrency ?? 16;
    const now = Date.now();
    const batches = new Map<string, SendgridEvent[]>();
    while (this.heap[0] && this.heap[0].at <= now && this.inFlight < limit) {
      const item = this.pop()!;
      if (item.kind === 'twilio') {
        this.post('twilio', item.url, new URLSearchParams(item.params).toString(), {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(this.twilioAuthToken(), item.url, item.params),
        });
        continue;
      }
      const batch = batches.get(item.url) ?? [];
      batch.push(item.event);
      batches.set(item.url, batch);
      if (batch.length >= SENDGRID_BATCH) {
        this.postEvents(item.url, batch);
        batches.delete(item.url);
      }
    }
    for (const [url, events] of batches) this.postEvents(url, events);
    if (this.heap.length === 0 && this.timer && this.inFlight === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.settle();
  }

  private postEvents(url: string, events: SendgridEvent[]): void {
    const body = JSON.stringify(events);
    this.post('sendgrid-events', url, body, {
      'content-type': 'application/json',
      ...this.signer.headers(body),
    });
  }

  private post(
    kind: WebhookDelivery['kind'],
    url: string,
    body: string,
    headers: Record<string, string>,
  ): void {
    this.inFlight += 1;
    const entry: WebhookDelivery = {
      kind,
      url,
      headers,
      body,
      status: null,
      postedAt: new Date().toISOString(),
    };
    fetch(url, {
      method: 'POST',
      headers: { 'user-agent': kind === 'twilio' ? 'TwilioProxy/1.1' : 'SendGrid Event API', ...headers },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    })
      .then(async (res) => {
        entry.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      })
      .catch((err: unknown) => {
        entry.error = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        this.log.push(entry);
        const limit = this.options.logLimit ?? 5000;
        if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
        this.inFlight -= 1;
        this.settle();
      });
  }

  private settle(): void {
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
