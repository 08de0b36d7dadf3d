import { AppError } from '@relance/domain/errors';
import type { Audience } from '@relance/domain/planning/campaign-input';
import type { SegmentDefinition } from '@relance/domain/segments/definition';
import { assertNever } from '@relance/domain/vocabulary';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { contacts } from '../schema/contacts';
import { segments } from '../schema/segments';
import { prepareSegment } from './segment-sql';

/** The columns of the contact row an audience condition is written over (`contacts`, or an alias of it). */
export interface ContactRef {
  id: SQL;
  tags: SQL;
}

export const CONTACTS: ContactRef = { id: sql`${contacts.id}`, tags: sql`${contacts.tags}` };

/**
 * A campaign audience as a condition on one contact row: everyone, a tag, or a saved segment as it is now
 * (its compiled rules, as a semi-join on the contact id so that it works under any alias).
 */
export async function audienceCondition(db: Db, audience: Audience, c: ContactRef = CONTACTS): Promise<SQL> {
  switch (audience.type) {
    case 'all':
      return sql`true`;
    case 'tag':
      return sql`${c.tags} @> ARRAY[${audience.tag}]::text[]`;
    case 'segment': {
      const [row] = await db
        .select({ definition: segments.definition })
        .from(segments)
        .where(eq(segments.id, audience.id));
      if (!row)
        throw AppError.validation('The audience is a saved segment that no longer exists: choose another.', [
          { field: 'audience.id', message: 'This segment does not exist (any more)' },
        ]);
      const { joins, where } = await prepareSegment(
        db,
        row.definition as SegmentDefinition,
        'audience.definition',
      );
      return sql`${c.id} IN (SELECT ${contacts.id} FROM ${contacts} ${joins} WHERE ${where})`;
    }
    case 'survey_wave':
      return sql`${c.id} IN (SELECT i.contact_id FROM survey_invitations i
                              WHERE i.wave_id = ${audience.waveId}::uuid
                                AND (i.created_at AT TIME ZONE 'Europe/Paris')::date = ${audience.invitedOn}::date)`;
    default:
      return assertNever(audience, 'audience');
  }
}
