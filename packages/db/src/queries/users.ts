import type { Role } from '@relance/domain/vocabulary';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { hashPassword } from '../password';
import { users } from '../schema/users';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password: string },
): Promise<PublicUser | null> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name.trim(),
      role: input.role,
      passwordHash,
    })
    .onConflictDoNothing()
    .returning(publicColumns);
  return row ?? null;
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  return db.select(publicColumns).from(users).orderBy(asc(users.name));
}

export async function findUserById(db: Db, id: string): Promise<PublicUser | null> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row ?? null;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: { name?: string; role?: Role; active?: boolean; password?: string },
): Promise<PublicUser | null> {
  const values: Partial<typeof users.$inferInsert> = {};
  if (patch.name !== undefined) values.name = patch.name.trim();
  if (patch.role !== undefined) values.role = patch.role;
  if (patch.active !== undefined) values.active = patch.active;
  if (patch.password !== undefined) values.passwordHash = await hashPassword(patch.password);
  if (Object.keys(values).length === 0) return findUserById(db, id);
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning(publicColumns);
  return row ?? null;
}

/** How many active admins would remain without this user: the last one cannot be demoted or deactivated. */
export async function countOtherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.active} and ${users.id} <> ${exceptId}`);
  return row?.n ?? 0;
}

/** Outside demo mode, the first administrator (ADMIN_EMAIL / ADMIN_PASSWORD) when there are no users yet. */
export async function ensureFirstAdmin(db: Db, input: { email: string; password: string }): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  return (
    (await createUser(db, {
      email: input.email,
      name: 'Administrator',
      role: 'admin',
      password: input.password,
    })) !== null
  );
}
