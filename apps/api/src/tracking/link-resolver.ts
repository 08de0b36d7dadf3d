import { randomUUID } from 'node:crypto';
import { applySendEvents, type SendEventInput } from '@relance/db/queries/send-events-apply';
import { trackedLinksByCodes } from '@relance/db/queries/tracked-links';
import {
  campaignUtmName,
  landingUrlFor,
  type UserAgentClass,
  userAgentClass,
  withUtm,
} from '@relance/domain/tracking/landing';
import type { AppDeps } from '../deps';
import { createBatchLoader } from './batch-loader';
import { EventBuffer } from './event-buffer';
import { createGuessLimiter } from './guess-limiter';
import { LinkDirectory, type LinkEntry } from './link-directory';
import { startLinkWarmer } from './link-warmer';

export type { LinkEntry };

/**
 * The state shared by every public tracking route (the bare `/r/` and `/o/` listener and the Express pages): the
 * link directory (code → send → target, kept ahead of the clicks by the warmer), the batched loader of misses,
 * the guess limiter and the click/open buffer. The hit path is synchronous (`cached`): no promise, no allocation
 * beyond the event recorded.
 */
export function createLinkResolver(deps: AppDeps) {
  const db = deps.database.db;
  const env = deps.env;
  // a step's variant leads to one landing URL: built once per read of its target (no URL parsing per click)
  const directory = new LinkDirectory(env.TRACKING_LINK_CACHE, (row) => {
    const landing = landingUrlFor(row.landing);
    if (!landing) return null;
    return withUtm(landing, {
      source: env.TRACKING_UTM_SOURCE,
      medium: row.channel,
      campaign: campaignUtmName(row.campaignName, row.campaignId),
      content: row.variant,
    });
  });
  const limiter = createGuessLimiter(deps.redis, env.QUEUE_PREFIX, env.TRACKING_GUESS_LIMIT);
  // cache misses arriving together share one query
  const loadLinks = createBatchLoader((codes) => trackedLinksByCodes(db, codes));
  const buffer = new EventBuffer((events) => applySendEvents(db, events));
  const warmer =
    env.TRACKING_LINK_CACHE > 0
      ? startLinkWarmer(db, directory, {
          everyMs: env.TRACKING_LINK_REFRESH_SECONDS * 1000,
          warm: env.TRACKING_LINK_WARM,
        })
      : null;

  // user agents repeat (a few browser versions make most clicks): their class is computed once
  const clients = new Map<string, UserAgentClass>();
  const clientOf = (userAgent: string | undefined): UserAgentClass => {
    if (!userAgent) return 'other';
    let client = clients.get(userAgent);
    if (client === undefined) {
      client = userAgentClass(userAgent);
      if (clients.size >= 2000) clients.clear();
      clients.set(userAgent, client);
    }
    return client;
  };
  // one detail object per client class, shared by every event (never mutated)
  const details = new Map<UserAgentClass, { client: UserAgentClass }>();
  const detailOf = (client: UserAgentClass) => {
    let detail = details.get(client);
    if (!detail) {
      detail = Object.freeze({ client }) as { client: UserAgentClass };
      details.set(client, detail);
    }
    return detail;
  };

  return {
    limiter,
    clientOf,
    /** the link of a code already in memory (compact form), or undefined */
    cached: (code: string): LinkEntry | undefined => directory.get(code),
    /** the link of a code not in memory: one query shared with the other misses of this turn */
    async load(code: string): Promise<LinkEntry | null> {
      const found = await loadLinks(code);
      if (!found) return null;
      // the row is fresh: its target (shared with the codes of the same variant) is brought up to date
      return directory.add(code, found.sendId, directory.target(found));
    },
    /** a click or an open of a GET, unless a machine declared itself (link scanners, previews) */
    record(
      method: string | undefined,
      userAgent: string | undefined,
      sendId: number,
      kind: 'clicked' | 'opened',
      source: 'link' | 'pixel',
    ): void {
      if (method !== 'GET') return;
      const client = clientOf(userAgent);
      if (client === 'bot') return;
      const event: SendEventInput = {
        sendId,
        kind,
        source,
        sourceId: randomUUID(),
        occurredAt: new Date(),
        detail: detailOf(client),
      };
      buffer.add(event);
    },
    /**
     * undefined while clicks are written as fast as they come; else a promise to wait for before answering
     * (backpressure: a redirect is late rather than its click lost)
     */
    room: (): Promise<void> | undefined => buffer.room(),
    /** writes the clicks and opens still waiting (the API's shutdown) */
    close: async () => {
      await warmer?.close();
      await buffer.close();
    },
  };
}
export type LinkResolver = ReturnType<typeof createLinkResolver>;
