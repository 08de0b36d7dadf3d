/**
 * The provider sandbox in a process of its own, for the dispatch benchmarks: as with `pnpm start`, the sandbox's
 * CPU and memory are not the worker's. Keeps who was sent what, not the bodies. Answers `{ kind: 'count' }` over
 * IPC with what it received: requests, recipients (personalizations), distinct send ids and the first and last
 * receipt times.
 */
import { startSandbox } from '@relance/sandbox/server';

const sandbox = await startSandbox({
  port: 0,
  keepPayloads: process.env.SANDBOX_KEEP_PAYLOADS === '1',
  seed: 1,
  behaviour: {
    email: { bounce: 0, open: 0, click: 0 },
    sms: { undelivered: 0, reply: 0, stop: 0 },
  },
});

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'count') {
    const messages = sandbox.store.list();
    const recipients = new Set<string>();
    let total = 0;
    for (const m of messages) {
      for (const to of m.to) recipients.add(`${m.provider}:${to}`);
      total += m.to.length;
    }
    process.send?.({
      kind: 'count',
      requests: messages.length,
      recipients: total,
      distinct: recipients.size,
      first: messages[0]?.receivedAt ?? null,
      last: messages.at(-1)?.receivedAt ?? null,
      received: messages.map((m) => m.receivedAt),
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
  }
  if (message.kind === 'stop') void sandbox.close().then(() => process.exit(0));
});
process.send?.({ kind: 'ready', url: sandbox.url });
