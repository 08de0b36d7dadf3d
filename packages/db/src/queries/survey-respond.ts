import { AppError } from '@relance/domain/errors';
import { type AnswersInput, checkAnswers } from '@relance/domain/surveys/survey-answers';
import type { SurveyDefinition } from '@relance/domain/surveys/survey-definition';
import { isLowAnswer } from '@relance/domain/surveys/survey-scoring';
import { lostReasonFrom } from '@relance/domain/surveys/survey-templates';
import { LOW_ANSWER_CALLBACK_HOURS } from '@relance/domain/surveys/survey-waves';
import { parseTrackingCode } from '@relance/domain/tracking-code';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { createCallbackTasks } from './callback-tasks';
import { applySendEvents } from './send-events-apply';
import { waveIsOpen } from './surveys';

/** An answer link resolved: the wave, the invitation (made on first use for a campaign send), and its state. */
export interface ResolvedInvitation {
  invitationId: number;
  waveId: string;
  waveName: string;
  surveyId: string;
  definition: SurveyDefinition;
  contactId: number;
  firstName: string | null;
  sendId: number | null;
  state: 'open' | 'answered' | 'closed';
}

const TOKEN = /^[0-9a-f]{32}$/;

/**
 * The invitation behind an answer link: an invitation token (32 hex digits), or the tracking code of a send that
 * invites — a send of a campaign step tied to a wave (its invitation is written on first use, idempotent), or a
 * send of a moment wave's daily invitation campaign (tied to the invitation written that day). Anything else — a
 * tampered link, a code of a step without a survey — is null: the page says the link is not valid, nothing more.
 */
export async function resolveInvitation(db: Db, token: string): Promise<ResolvedInvitation | null> {
  const raw = token.trim().toLowerCase();
  if (TOKEN.test(raw)) return findInvitation(db, sql`i.token = ${raw}`);
  const parsed = parseTrackingCode(token);
  if (!parsed.ok) return null;
  await db.execute(sql`
    INSERT INTO survey_invitations (wave_id, contact_id, token, send_id, channel)
    SELECT w.id, s.contact_id, s.tracking_code, s.id, s.channel
      FROM sends s JOIN survey_waves w ON w.step_id = s.step_id
     WHERE s.tracking_code = ${parsed.code} AND s.status = 'sent'
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    UPDATE survey_invitations i SET send_id = s.id
      FROM sends s JOIN campaigns c ON c.id = s.campaign_id
     WHERE s.tracking_code = ${parsed.code} AND s.status = 'sent'
       AND c.plan->'audience'->>'type' = 'survey_wave'
       AND i.wave_id = (c.plan->'audience'->>'waveId')::uuid AND i.contact_id = s.contact_id
       AND (i.created_at AT TIME ZONE 'Europe/Paris')::date = (c.plan->'audience'->>'invitedOn')::date
       AND i.send_id IS NULL`);
  return findInvitation(
    db,
    sql`(i.token = ${parsed.code} OR i.send_id = (SELECT id FROM sends WHERE tracking_code = ${parsed.code}))`,
  );
}

async function findInvitation(db: Db, where: SQL): Promise<ResolvedInvitation | null> {
  const [row] = await db.execute<{
    id: string;
    wave_id: string;
    wave_name: string;
    survey_id: string;
    definition: SurveyDefinition;
    contact_id: string;
    first_name: string | null;
    send_id: string | null;
    opens_at: string;
    closes_at: string | null;
    closed_at: string | null;
    answered: boolean;
  }>(sql`
    SELECT i.id, i.wave_id, w.name AS wave_name, w.survey_id, w.definition, i.contact_id, c.first_name, i.send_id,
           w.opens_at, w.closes_at, w.closed_at,
           EXISTS (SELECT 1 FROM survey_answers a WHERE a.invitation_id = i.id) AS answered
      FROM survey_invitations i
      JOIN survey_waves w ON w.id = i.wave_id
      JOIN contacts c ON c.id = i.contact_id
     WHERE ${where}
     ORDER BY i.id DESC LIMIT 1`);
  if (!row) return null;
  const open = waveIsOpen({
    opensAt: new Date(row.opens_at),
    closesAt: row.closes_at ? new Date(row.closes_at) : null,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
  });
  return {
    invitationId: Number(row.id),
    waveId: row.wave_id,
    waveName: row.wave_name,
    surveyId: row.survey_id,
    definition: row.definition,
    contactId: Number(row.contact_id),
    firstName: row.first_name,
    sendId: row.send_id === null ? null : Number(row.send_id),
    state: row.answered ? 'answered' : open ? 'open' : 'closed',
  };
}

export type SubmitOutcome =
  | { status: 'recorded'; answerId: number; low: boolean; alerted: boolean }
  | { status: 'already_answered' };

/**
 * Stores one answer for an invitation (UNIQUE: a double submission stores nothing and says it was already
 * received), after checking it against the wave's questionnaire (field errors say what to fix). In the same
 * transaction: the send (if any) records a `responded` event (the campaign's board counts it); a lost-customer
 * answer records the contact's lost reason and competitor; a low answer from an important customer (gold tier,
 * or a contact with an account owner) raises an alert for the account owner and a callback task due within 48 hours.
 */
export async function submitAnswer(
  db: Db,
  token: string,
  input: AnswersInput,
  meta: { via: 'web' | 'phone'; locale: string | null; userId: string | null },
): Promise<SubmitOutcome> {
  const invitation = await resolveInvitation(db, token);
  if (!invitation) throw AppError.notFound('This survey link');
  if (invitation.state === 'answered') return { status: 'already_answered' };
  if (invitation.state === 'closed')
    throw new AppError(
      'conflict',
      'This survey is closed: it no longer takes answers. Thank you all the same.',
    );
  const checked = checkAnswers(invitation.definition, input);
  if (!checked.ok)
    throw AppError.validation('Some answers need a correction: see each question.', checked.problems);
  const low = !checked.screenedOut && isLowAnswer(invitation.definition, checked.answers);

  return db.transaction(async (tx) => {
    const [inserted] = await tx.execute<{ id: string }>(sql`
      INSERT INTO survey_answers (wave_id, invitation_id, contact_id, answers, screened_out, low, via, locale, user_id)
      VALUES (${invitation.waveId}, ${invitation.invitationId}, ${invitation.contactId},
              ${JSON.stringify(checked.answers)}::jsonb, ${checked.screenedOut}, ${low}, ${meta.via}, ${meta.locale},
              ${meta.userId})
      ON CONFLICT (invitation_id) DO NOTHING RETURNING id`);
    if (!inserted) return { status: 'already_answered' as const };
    const answerId = Number(inserted.id);

    if (invitation.sendId !== null) {
      await applySendEvents(tx, [
        {
          sendId: invitation.sendId,
          kind: 'responded',
          source: 'survey',
          sourceId: `answer-${answerId}`,
          detail: { survey: invitation.surveyId, wave: invitation.waveId, low },
        },
      ]);
    }
    if (invitation.definition.purpose === 'lost_customers' && !checked.screenedOut) {
      const lost = lostReasonFrom(invitation.definition, checked.answers);
      if (lost) {
        await tx.execute(sql`
          INSERT INTO lost_reasons (contact_id, reason, competitor, note, lost_at, user_id)
          SELECT ${invitation.contactId}, ${lost.reason}::lost_reason, ${lost.competitor},
                 ${`Survey: ${invitation.waveName}`},
                 coalesce((SELECT max(entered_at) FROM former_customers f WHERE f.contact_id = ${invitation.contactId}), now()),
                 ${meta.userId}`);
      }
    }
    const alerted = low ? await alertAccountOwner(tx, invitation, answerId) : false;
    return { status: 'recorded' as const, answerId, low, alerted };
  });
}

/**
 * A low answer from an important customer — gold tier, or followed by an account owner — raises an alert in the
 * win-back feed (the owner's) and a callback task due within 48 hours. Returns whether it did.
 */
async function alertAccountOwner(tx: Db, invitation: ResolvedInvitation, answerId: number): Promise<boolean> {
  const [important] = await tx.execute<{ ok: boolean }>(sql`
    SELECT (ci.tier = 'gold' OR c.owner_id IS NOT NULL) AS ok
      FROM contacts c LEFT JOIN contact_indicators ci ON ci.contact_id = c.id
     WHERE c.id = ${invitation.contactId}`);
  if (!important?.ok) return false;
  await tx.execute(sql`
    INSERT INTO winback_alerts (contact_id, kind, evidence, raised_at)
    VALUES (${invitation.contactId}, 'low_satisfaction',
            ${JSON.stringify({ survey: invitation.surveyId, wave: invitation.waveName, answerId })}::jsonb, now())`);
  await tx.execute(sql`UPDATE survey_answers SET alerted = true WHERE id = ${answerId}`);
  await createSurveyCallback(tx, invitation, answerId);
  return true;
}

async function createSurveyCallback(tx: Db, invitation: ResolvedInvitation, answerId: number): Promise<void> {
  const callBackBy = new Date(Date.now() + LOW_ANSWER_CALLBACK_HOURS * 3600_000);
  await createCallbackTasks(tx, [
    {
      source: 'low_satisfaction',
      sourceKey: `answer-${answerId}`,
      contactId: invitation.contactId,
      reason: `Low answer to the survey “${invitation.waveName}”: call back before ${callBackBy.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      detail: {
        surveyId: invitation.surveyId,
        waveId: invitation.waveId,
        answerId,
        callBackBy: callBackBy.toISOString(),
      },
    },
  ]);
}
