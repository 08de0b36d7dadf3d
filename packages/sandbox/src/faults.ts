import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { Random } from './random';
import { SANDBOX_PROVIDERS, type SandboxProvider } from './store';

/**
 * Faults the engine's tests provoke: a storm of 429s (with Retry-After), 5xx answers, and the worst one, a
 * timeout after acceptance: the request is handled (kept, its webhooks scheduled) but the answer is held back
 * for `delayMs`, so the client gives up without knowing that the provider accepted it.
 */
export const faultSchema = z
  .object({
    /** which endpoints: one provider, or all of them */
    provider: z.enum([...SANDBOX_PROVIDERS, 'all']).default('all'),
    kind: z.enum(['rate-limit', 'server-error', 'timeout-after-accept']),
    /** the next `count` matching requests; or each matching request with `probability` until the fault is removed */
    count: z.number().int().min(1).optional(),
    probability: z.number().min(0).max(1).optional(),
    /** server-error: the status (500, 502, 503, 504) */
    status: z.number().int().min(500).max(599).default(503),
    /** rate-limit: the Retry-After header, in seconds */
    retryAfterSeconds: z.number().int().min(0).default(1),
    /** timeout-after-accept: how long the answer is held back */
    delayMs: z.number().int().min(0).default(60_000),
  })
  .refine((f) => (f.count === undefined) !== (f.probability === undefined), {
    error: 'give either count (the next N requests) or probability (each request), not both',
    path: ['count'],
  });
export type Fault = z.infer<typeof faultSchema> & { id: number; injected: number };
export type FaultInput = z.input<typeof faultSchema>;

/** The provider an endpoint belongs to. */
export function providerOf(req: Request): SandboxProvider | null {
  const path = req.path;
  if (path.startsWith('/v3/')) return 'sendgrid';
  if (path.startsWith('/mailhouse/')) return 'mailhouse';
  if (/^\/2010-04-01\/Accounts\/[^/]+\/Messages/.test(path)) return 'twilio-sms';
  if (/^\/2010-04-01\/Accounts\/[^/]+\/Calls\/[^/]+\.json$/.test(path)) return 'twilio-call-update';
  if (/^\/2010-04-01\/Accounts\/[^/]+\/Calls/.test(path)) return 'twilio-call';
  return null;
}

function errorBody(provider: SandboxProvider, status: number): unknown {
  if (provider === 'sendgrid')
    return {
      errors: [{ message: status === 429 ? 'too many requests' : 'internal error', field: null, help: null }],
    };
  if (provider === 'mailhouse')
    return { error: status === 429 ? 'rate_limited' : 'unavailable', message: 'Try again later.' };
  const code = status === 429 ? 20429 : 20500;
  return {
    code,
    message: status === 429 ? 'Too Many Requests' : 'Internal Server Error',
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  };
}

export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;
  private readonly held = new Set<NodeJS.Timeout>();

  constructor(private readonly random: Random) {}

  add(input: FaultInput): Fault {
    const fault = { ...faultSchema.parse(input), id: this.nextId++, injected: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Releases the answers still held back (the server is closing). */
  close(): void {
    for (const t of this.held) clearTimeout(t);
    this.held.clear();
  }

  private pick(provider: SandboxProvider): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.provider !== 'all' && fault.provider !== provider) continue;
      if (fault.count !== undefined) {
        fault.injected += 1;
        if (fault.injected >= fault.count) this.faults = this.faults.filter((f) => f !== fault);
        return fault;
      }
      if (this.random() < (fault.probability ?? 0)) {
        fault.injected += 1;
        return fault;
      }
    }
    return undefined;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const provider = providerOf(req);
      const fault = provider && req.method === 'POST' ? this.pick(provider) : undefined;
      if (!provider || !fault) return next();
      switch (fault.kind) {
        case 'rate-limit':
          res.status(429).set('Retry-After', String(fault.retryAfterSeconds)).json(errorBody(provider, 429));
          return;
        case 'server-error':
          res.status(fault.status).json(errorBody(provider, fault.status));
          return;
        case 'timeout-after-accept': {
          // handled as usual, but the answer leaves only after delayMs: the client times out first
          const end = res.end.bind(res) as (...args: unknown[]) => Response;
          res.end = ((...args: unknown[]) => {
            const timer = setTimeout(() => {
              this.held.delete(timer);
              if (!res.socket?.destroyed) end(...args);
            }, fault.delayMs);
            this.held.add(timer);
            return res;
          }) as Response['end'];
          return next();
        }
        default: {
          const never: never = fault.kind;
          return never;
        }
      }
    };
  }
}
