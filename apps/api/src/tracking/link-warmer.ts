import type { Db } from '@relance/db/client';
import { lastSendId, linkTargets, trackedCodes } from '@relance/db/queries/tracked-links';
import type { LinkDirectory } from './link-directory';

export interface LinkWarmerOptions {
  /** how often the targets are read again and the new sends' codes loaded */
  everyMs: number;
  /** load the codes of sends before anyone clicks them (else only the targets are kept fresh) */
  warm: boolean;
  /** at start, the newest sends made within these days */
  withinDays?: number;
  /** codes read per query */
  chunk?: number;
  log?: (line: string) => void;
}

/**
 * Keeps the link directory ahead of the clicks: at start it loads the codes of the newest sends (as many as the
 * directory holds, made in the last 30 days), then, every `everyMs`, the codes of the sends made since (read in
 * send order through the primary key) and every target again, so that an edited landing page applies within one
 * period. A first click is then answered from memory, with no query on its path; a code not loaded (an older
 * send, one made while a read was under way) is still found by the database on its first click. One read at a
 * time; `close` waits for the one under way.
 */
export function startLinkWarmer(db: Db, directory: LinkDirectory, options: LinkWarmerOptions) {
  const chunk = options.chunk ?? 20_000;
  const log = options.log ?? ((line: string) => console.error(line));
  let watermark: number | null = null;
  let running: Promise<void> | null = null;
  let closed = false;

  const addCodes = async (codes: Awaited<ReturnType<typeof trackedCodes>>) => {
    const missing = directory.missingTargets(codes);
    if (missing.length > 0) for (const row of await linkTargets(db, missing)) directory.target(row);
    directory.addCodes(codes);
  };

  const tick = async () => {
    if (options.warm) {
      if (watermark === null) {
        const last = await lastSendId(db);
        const newest = await trackedCodes(db, {
          newest: directory.max,
          withinDays: options.withinDays ?? 30,
        });
        await addCodes(newest.filter((c) => c.sendId <= last));
        watermark = last;
      } else {
        // the sends made since the last read, at most what the directory holds per period
        for (let read = 0; read < directory.max && !closed; ) {
          const codes = await trackedCodes(db, { afterSendId: watermark, limit: chunk });
          if (codes.length === 0) break;
          await addCodes(codes);
          watermark = codes.at(-1)!.sendId;
          read += codes.length;
          if (codes.length < chunk) break;
        }
      }
    }
    const keys = directory.targetKeys();
    if (keys.length > 0) directory.refresh(keys, await linkTargets(db, keys));
  };

  const run = () => {
    if (running || closed) return;
    running = tick()
      .catch((err) => log(`[api] tracked links: ${err instanceof Error ? err.message : err}`))
      .finally(() => {
        running = null;
      });
  };

  run();
  const timer = setInterval(run, options.everyMs);
  timer.unref();

  return {
    /** one read now (tests), after the one under way */
    async tickNow(): Promise<void> {
      await running;
      run();
      await running;
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
