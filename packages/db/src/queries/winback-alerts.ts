import type { AlertKind } from '@relance/domain/winback/vocabulary';
import type { Sql } from '../client';
import { isoSql } from './winback-lists';

export interface WinbackAlert {
  id: number;
  kind: AlertKind;
  evidence: Record<string, unknown>;
  raisedAt: string;
  dismissedAt: string | null;
  contact: {
    id: number;
    firstName: string | null;
    lastName: string | null;
    companyName: string | null;
    email: string | null;
  };
  owner: { id: string; name: string } | null;
}

/**
 * The alert feed, newest first (keyset on the id): the alerts on the contacts an account owner owns (`ownerId`),
 * or on every contact (`ownerId` null, for managers). Dismissed alerts only when asked for.
 */
export async function listAlerts(
  sql: Sql,
  options: { ownerId: string | null; includeDismissed: boolean; limit: number; beforeId: number | null },
): Promise<{ items: WinbackAlert[]; next: number | null }> {
  const rows = await sql<(WinbackAlert & { ownerId: string | null; ownerName: string | null })[]>`
    SELECT a.id::float8 AS id, a.kind, a.evidence, ${isoSql(sql, sql`a.raised_at`)} AS "raisedAt",
           ${isoSql(sql, sql`a.dismissed_at`)} AS "dismissedAt",
           jsonb_build_object('id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
                              'companyName', c.company_name, 'email', c.email) AS contact,
           u.id AS "ownerId", u.name AS "ownerName"
      FROM winback_alerts a
      JOIN contacts c ON c.id = a.contact_id
      LEFT JOIN users u ON u.id = c.owner_id
     WHERE (${options.includeDismissed} OR a.dismissed_at IS NULL)
       AND (${options.ownerId}::uuid IS NULL OR c.owner_id = ${options.ownerId}::uuid)
       AND (${options.beforeId}::bigint IS NULL OR a.id < ${options.beforeId}::bigint)
     ORDER BY a.id DESC
     LIMIT ${options.limit + 1}`;
  const items = rows.slice(0, options.limit).map(({ ownerId, ownerName, ...row }) => ({
    ...row,
    owner: ownerId ? { id: ownerId, name: ownerName ?? '' } : null,
  }));
  return { items, next: rows.length > options.limit ? items.at(-1)!.id : null };
}

/**
 * Dismisses an alert once dealt with. An account owner may dismiss only the alerts on their contacts
 * (`ownerId`); null lets a manager dismiss any. Answers whether an alert was dismissed (false: no such alert for
 * this user, or already dismissed).
 */
export async function dismissAlert(
  sql: Sql,
  options: { id: number; userId: string | null; ownerId: string | null },
): Promise<boolean> {
  const result = await sql`
    UPDATE winback_alerts a SET dismissed_at = now(), dismissed_by = ${options.userId}::uuid
      FROM contacts c
     WHERE a.id = ${options.id} AND c.id = a.contact_id AND a.dismissed_at IS NULL
       AND (${options.ownerId}::uuid IS NULL OR c.owner_id = ${options.ownerId}::uuid)`;
  return result.count === 1;
}
