import { z } from 'zod';
import { api } from '../../../lib/api-client';

/** Saved segments a campaign can go to (their ids and names). */
export const listAudienceSegments = (signal?: AbortSignal) =>
  api('/api/segments', z.object({ items: z.array(z.object({ id: z.string(), name: z.string() }).loose()) }), {
    signal,
  });
