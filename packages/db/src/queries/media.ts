import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { type MediaKind, media } from '../schema/media';

export interface NewMedia {
  kind: MediaKind;
  filename: string;
  contentType: string;
  durationSeconds: number;
  bytes: Buffer;
  createdBy?: string | null;
}

/** What is said about a stored file (everything but its bytes). */
export interface MediaInfo {
  id: string;
  kind: MediaKind;
  filename: string;
  contentType: string;
  byteSize: number;
  durationSeconds: number;
  createdAt: Date;
}

const info = {
  id: media.id,
  kind: media.kind,
  filename: media.filename,
  contentType: media.contentType,
  byteSize: media.byteSize,
  durationSeconds: media.durationSeconds,
  createdAt: media.createdAt,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertMedia(db: Db, input: NewMedia): Promise<MediaInfo> {
  const [row] = await db
    .insert(media)
    .values({
      kind: input.kind,
      filename: input.filename.trim().slice(0, 255) || 'recording',
      contentType: input.contentType,
      byteSize: input.bytes.length,
      durationSeconds: input.durationSeconds,
      bytes: input.bytes,
      createdBy: input.createdBy ?? null,
    })
    .returning(info);
  return row!;
}

/** A stored file with its bytes; null for an unknown (or malformed) id. */
export async function getMediaFile(db: Db, id: string): Promise<(MediaInfo & { bytes: Buffer }) | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({ ...info, bytes: media.bytes })
    .from(media)
    .where(eq(media.id, id));
  return row ?? null;
}

/** The files among `ids` that exist (one query for a whole plan's messages). */
export async function findMedia(db: Db, ids: readonly string[]): Promise<Map<string, MediaInfo>> {
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (valid.length === 0) return new Map();
  const rows = await db.select(info).from(media).where(inArray(media.id, valid));
  return new Map(rows.map((r) => [r.id, r]));
}
