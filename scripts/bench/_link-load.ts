/**
 * A lean keep-alive HTTP/1.1 load generator for the tracked-link benchmark: `connections` sockets, one request
 * in flight on each (no pipelining: a proxy or browsers in front of the API do not pipeline), every request's
 * bytes built beforehand. It costs the shared cores far less per request than autocannon with a `setupRequest`
 * (which rebuilds each request), so that more of the machine measures the API. Answers are read as far as their
 * status and Content-Length (the API's answers on /r/ always carry one).
 */
import net from 'node:net';

export interface LinkLoadResult {
  total: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  errors: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH = Buffer.from('\r\nContent-Length: ');

export function linkLoad(
  url: string,
  connections: number,
  seconds: number,
  nextRequest: () => Buffer,
): Promise<LinkLoadResult> {
  const { hostname, port } = new URL(url);
  const latencies = new Float64Array(Math.max(1_000_000, seconds * 100_000));
  let count = 0;
  const statuses = { '3xx': 0, '4xx': 0, '5xx': 0 };
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;

  const run = () =>
    new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), hostname);
      socket.setNoDelay(true);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (performance.now() >= until) {
          socket.end();
          return resolve();
        }
        sentAt = performance.now();
        socket.write(nextRequest());
      };
      socket.on('connect', send);
      socket.on('error', () => {
        errors++;
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        const end = pending.indexOf(HEADER_END);
        if (end === -1) return;
        let length = 0;
        const at = pending.indexOf(LENGTH);
        if (at !== -1 && at < end) {
          for (let i = at + LENGTH.length; pending[i]! >= 48 && pending[i]! <= 57; i++) {
            length = length * 10 + pending[i]! - 48;
          }
        }
        if (pending.length < end + 4 + length) return;
        const status = pending[9]! - 48;
        if (status === 3) statuses['3xx']++;
        else if (status === 4) statuses['4xx']++;
        else if (status === 5) statuses['5xx']++;
        if (count < latencies.length) latencies[count] = performance.now() - sentAt;
        count++;
        pending = pending.subarray(end + 4 + length);
        send();
      });
    });

  return Promise.all(Array.from({ length: connections }, run)).then(() => {
    const elapsed = (performance.now() - started) / 1000;
    const sorted = latencies.subarray(0, Math.min(count, latencies.length)).sort();
    const at = (q: number) =>
      Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
    return {
      total: count,
      rps: count / elapsed,
      p50: at(0.5),
      p99: at(0.99),
      max: at(1),
      ...statuses,
      errors,
    };
  });
}
