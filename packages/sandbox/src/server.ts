import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { mailhouseRouter } from './mailhouse';
import { sendgridRouter } from './sendgrid';
import { MessageStore, SANDBOX_PROVIDERS } from './store';
import { twilioRouter } from './twilio';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:3001: SendGrid's, Twilio's and the mail house's base URL */
  url: string;
  store: MessageStore;
  close: () => Promise<void>;
}

const listQuery = z.object({ provider: z.enum(SANDBOX_PROVIDERS).optional() });

/** The local provider server: SendGrid-, Twilio- and mail-house-shaped endpoints that keep what they receive. */
export function createSandboxApp(store: MessageStore = new MessageStore()) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '20mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(sendgridRouter(store));
  app.use(twilioRouter(store));
  app.use(mailhouseRouter(store));
  app.get('/sandbox/messages', (req: Request, res: Response) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: `provider must be one of ${SANDBOX_PROVIDERS.join(', ')}` });
      return;
    }
    const messages = store.list(query.data.provider);
    res.json({ count: messages.length, messages });
  });
  app.delete('/sandbox/messages', (_req: Request, res: Response) => {
    store.clear();
    res.status(204).end();
  });
  app.get('/sandbox/health', (_req: Request, res: Response) => {
    res.json({ ok: true });
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found', message: 'The sandbox has no such endpoint.' });
  });
  return app;
}

/** Starts the sandbox on `port` (0 = any free port) of `host` (127.0.0.1 unless told). */
export function startSandbox(options: { port: number; host?: string }): Promise<RunningSandbox> {
  const store = new MessageStore();
  const app = createSandboxApp(store);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(options.port, host);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `The provider sandbox cannot listen on ${host}:${options.port}: the port is taken. Set SANDBOX_PORT.`,
            )
          : err,
      ),
    );
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        store,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
