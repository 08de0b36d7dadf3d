import { createCallbackTasks } from '@relance/db/queries/callback-tasks';
import { createCampaign, getCampaign } from '@relance/db/queries/campaigns';
import { inviteForMoments } from '@relance/db/queries/survey-moments';
import { assertNever } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import { applyDispatchEvent } from './lifecycle';
import type { Scheduler } from './schedule';

export interface MomentRun {
  waveId: string;
  invited: number;
  /** phone: callback tasks; campaign: the day's invitation campaign (made now, or already there) */
  delivery: { by: 'phone'; tasks: number } | { by: 'campaign'; campaignId: string | null };
}

/** Today in Europe/Paris as YYYY-MM-DD. */
export const parisDay = (now: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(now);

/**
 * The daily survey moments: writes each open moment wave's invitations of the day (idempotent), then delivers
 * them: by phone, one callback task per invitation (the agent asks the questions from the call screen); by email
 * or SMS, a copy of the wave's invitation campaign aimed at the day's invitations (audience `survey_wave`),
 * rolled out at once through the dispatch engine — consent, suppression, send windows, tracking codes and the
 * board apply as to any campaign. A day's campaign is made once: a second run finds it.
 */
export async function runSurveyMoments(s: Scheduler, now = new Date()): Promise<MomentRun[]> {
  const today = parisDay(now);
  const runs: MomentRun[] = [];
  for (const wave of await inviteForMoments(s.db, today)) {
    const by = wave.trigger.deliverBy;
    switch (by) {
      case 'phone': {
        const ids = await createCallbackTasks(
          s.db,
          wave.invited.map((i) => ({
            source: 'survey' as const,
            sourceKey: `invitation-${i.invitationId}`,
            contactId: i.contactId,
            reason: 'Satisfaction survey: ask the questions',
            detail: { waveId: wave.waveId, surveyToken: i.token },
          })),
        );
        runs.push({ waveId: wave.waveId, invited: wave.invited.length, delivery: { by, tasks: ids.length } });
        break;
      }
      case 'email':
      case 'sms': {
        const campaignId = await dayCampaign(s, wave.waveId, wave.templateCampaignId, today);
        runs.push({
          waveId: wave.waveId,
          invited: wave.invited.length,
          delivery: { by: 'campaign', campaignId },
        });
        break;
      }
      default:
        assertNever(by, 'invitation channel');
    }
  }
  return runs;
}

/** The day's invitation campaign of a wave: found, or copied from the template and rolled out when invitations wait. */
async function dayCampaign(
  s: Scheduler,
  waveId: string,
  templateId: string | null,
  today: string,
): Promise<string | null> {
  const [existing] = await s.db.execute<{ id: string }>(sql`
    SELECT id FROM campaigns
     WHERE plan->'audience'->>'type' = 'survey_wave' AND plan->'audience'->>'waveId' = ${waveId}
       AND plan->'audience'->>'invitedOn' = ${today}`);
  if (existing) return existing.id;
  const [waiting] = await s.db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM survey_invitations
     WHERE wave_id = ${waveId} AND (created_at AT TIME ZONE 'Europe/Paris')::date = ${today}::date`);
  if (!templateId || !waiting?.n) return null;
  const template = await getCampaign(s.db, templateId);
  if (!template) return null;
  const copy = await createCampaign(s.db, {
    plan: {
      ...template.plan,
      name: `${template.plan.name} — ${today}`,
      audience: { type: 'survey_wave', waveId, invitedOn: today },
      testPlan: null,
    },
    ownerId: template.campaign.ownerId,
  });
  await applyDispatchEvent(s, {
    campaignId: copy.campaign.id,
    event: 'rollout',
    version: null,
    actorId: null,
  });
  return copy.campaign.id;
}
