import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import type { SandboxContext } from './context';
import { configure, controlRouter } from './control';
import { type Fault, FaultInjector, type FaultInput } from './faults';
import { mailhouseRouter } from './mailhouse';
import { type SandboxOptionsInput, sandboxOptionsSchema } from './options';
import { createRandom } from './random';
import { type WebhookDelivery, WebhookScheduler } from './scheduler';
import { sendgridRouter } from './sendgrid';
import { SendgridWebhookSigner } from './signing';
import { MessageStore } from './store';
import { twilioRouter } from './twilio';

export interface SandboxKeys {
  /** SendGrid's "Verification Key" for the signed Event Webhook: base64 DER of the ECDSA P-256 public key */
  sendgridEventWebhookPublicKey: string;
  /** verifies X-Twilio-Signature on the Twilio-shaped webhooks */
  twilioAuthToken: string;
  twilioAccountSid: string;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:3001: SendGrid's, Twilio's and the mail house's base URL */
  url: string;
  store: MessageStore;
  keys: SandboxKeys;
  /** change webhook URLs or behaviour while running (the same as `PUT /sandbox/config`) */
  configure: (patch: unknown) => void;
  faults: { add: (fault: FaultInput) => Fault; clear: () => void; list: () => Fault[] };
  webhooks: {
    /** resolves once every webhook scheduled so far has been posted and answered */
    idle: () => Promise<void>;
    deliveries: () => WebhookDelivery[];
    pending: () => number;
  };
  close: () => Promise<void>;
}

export interface StartSandboxOptions extends SandboxOptionsInput {
  port: number;
  host?: string;
  /** false: keep who was sent what and when, not the bodies (benchmarks) */
  keepPayloads?: boolean;
}

/** The local provider server: SendGrid-, Twilio- and mail-house-shaped endpoints, webhooks back, faults on demand. */
export function createSandboxApp(ctx: SandboxContext) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '200mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(ctx.faults.middleware());
  app.use(sendgridRouter(ctx));
  app.use(twilioRouter(ctx));
  app.use(mailhouseRouter(ctx));
  app.use(controlRouter(ctx));
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found', message: 'The sandbox has no such endpoint.' });
  });
  return app;
}

export function createSandboxContext(
  options: Omit<StartSandboxOptions, 'port' | 'host'> = {},
): SandboxContext {
  const { keepPayloads, ...rest } = options;
  const config = sandboxOptionsSchema.parse(rest);
  const random = createRandom(config.seed);
  const signer = new SendgridWebhookSigner();
  return {
    config,
    random,
    signer,
    store: new MessageStore(10_000, keepPayloads ?? true),
    scheduler: new WebhookScheduler(signer, () => config.twilioAuthToken),
    faults: new FaultInjector(random),
    optedOut: new Set(),
    calls: new Map(),
  };
}

/** Starts the sandbox on `port` (0 = any free port) of `host` (127.0.0.1 unless told). */
export function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const { port, host = '127.0.0.1', ...rest } = options;
  const ctx = createSandboxContext(rest);
  const app = createSandboxApp(ctx);
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, host);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `The provider sandbox cannot listen on ${host}:${port}: the port is taken. Set SANDBOX_PORT.`,
            )
          : err,
      ),
    );
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${address.port}`,
        store: ctx.store,
        keys: {
          sendgridEventWebhookPublicKey: ctx.signer.publicKey,
          twilioAuthToken: ctx.config.twilioAuthToken,
          twilioAccountSid: ctx.config.twilioAccountSid,
        },
        configure: (patch) => configure(ctx, patch),
        faults: {
          add: (fault) => ctx.faults.add(fault),
          clear: () => ctx.faults.clear(),
          list: () => ctx.faults.list(),
        },
        webhooks: {
          idle: () => ctx.scheduler.idle(),
          deliveries: () => ctx.scheduler.deliveries(),
          pending: () => ctx.scheduler.pending,
        },
        close: () =>
          new Promise((done) => {
            ctx.scheduler.close();
            ctx.faults.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
