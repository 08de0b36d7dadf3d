import { randomUUID } from 'node:crypto';
import { applySendEvents, type SendEventInput } from '@relance/db/queries/send-events-apply';
import { type TrackedLink, trackedLinksByCodes } from '@relance/db/queries/tracked-links';
import {
  campaignUtmName,
  landingUrlFor,
  type UserAgentClass,
  userAgentClass,
  withUtm,
} from '@relance/domain/tracking/landing';
import type { Channel } from '@relance/domain/vocabulary';
import type { AppDeps } from '../deps';
import { createBatchLoader } from './batch-loader';
import { EventBuffer } from './event-buffer';
import { createGuessLimiter } from './guess-limiter';
import { LruCache } from './link-cache';

/** What a known code answers, cached per code: its send and where its link leads. */
export interface LinkEntry {
  sendId: number;
  channel: Channel;
  /** the landing page with UTM parameters, or the hosted page `/l/{code}` */
  location: string;
}

/**
 * The state shared by every public tracking route (the bare `/r/` and `/o/` listener and the Express pages): the
 * code → link LRU, the batched loader of misses, the guess limiter and the click/open buffer. The hit path is
 * synchronous (`cached`): no promise, no allocation beyond the event recorded.
 */
export function createLinkResolver(deps: AppDeps) {
  const db = deps.database.db;
  const env = deps.env;
  const cache = new LruCache<LinkEntry>(env.TRACKING_LINK_CACHE, 5 * 60_000);
  const limiter = createGuessLimiter(deps.redis, env.QUEUE_PREFIX, env.TRACKING_GUESS_LIMIT);
  // cache misses arriving together share one query
  const loadLinks = createBatchLoader((codes) => trackedLinksByCodes(db, codes));
  const buffer = new EventBuffer((events) => applySendEvents(db, events));

  // the sends of a step and variant lead to the same landing URL: built once (no URL parsing per miss), one
  // string in memory for all their entries
  const locations = new Map<string, string>();
  const locationOf = (found: TrackedLink, landing: string): string => {
    const key = `${found.campaignId}\n${found.channel}\n${found.variant}\n${found.campaignName}\n${landing}`;
    let location = locations.get(key);
    if (location === undefined) {
      location = withUtm(landing, {
        source: env.TRACKING_UTM_SOURCE,
        medium: found.channel,
        campaign: campaignUtmName(found.campaignName, found.campaignId),
        content: found.variant,
      });
      if (locations.size > 10_000) locations.clear();
      locations.set(key, location);
    }
    return location;
  };

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
    cached: (code: string): LinkEntry | undefined => cache.get(code),
    /** the link of a code not in memory: one query shared with the other misses of this turn */
    async load(code: string): Promise<LinkEntry | null> {
      const found = await loadLinks(code);
      if (!found) return null;
      const landing = landingUrlFor(found.landing);
      const link: LinkEntry = {
        sendId: found.sendId,
        channel: found.channel,
        location: landing ? locationOf(found, landing) : `/l/${code}`,
      };
      cache.set(code, link);
      return link;
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
    /** writes the clicks and opens still waiting (the API's shutdown) */
    close: () => buffer.close(),
  };
}
export type LinkResolver = ReturnType<typeof createLinkResolver>;
