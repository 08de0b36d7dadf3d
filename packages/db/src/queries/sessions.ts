import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@relance/domain/vocabulary';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys, sessions, users } from '../schema/users';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const token = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export async function createSession(
  db: Db,
  userId: string,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const raw = token();
  const csrfToken = token(24);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ tokenHash: sha256(raw), userId, csrfToken, expiresAt });
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
  // expired sessions are removed as new ones are made: the table never grows without bound
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token: raw, csrfToken, expiresAt };
}

export async function findSession(db: Db, rawToken: string) {
  const hash = sha256(rawToken);
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      user: { id: users.id, email: users.email, name: users.name, role: users.role },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date()), eq(users.active, true)));
  return row ? { ...row, sessionHash: hash } : null;
}

export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionHash));
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates an integration key; the raw token is returned once and only its hash is kept. */
export async function createApiKey(db: Db, input: { name: string; role: Role; createdBy: string | null }) {
  const raw = `rlk_${token(30)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      name: input.name,
      role: input.role,
      createdBy: input.createdBy,
      prefix: raw.slice(0, 10),
      keyHash: sha256(raw),
    })
    .returning(apiKeyColumns);
  return { apiKey: row!, token: raw };
}

export function listApiKeys(db: Db) {
  return db.select(apiKeyColumns).from(apiKeys).orderBy(sql`${apiKeys.createdAt} desc`);
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, id))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function findApiKey(db: Db, rawToken: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, sha256(rawToken)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role });
  return row ?? null;
}
