import type { Db } from '@relance/db/client';
import { getCampaign } from '@relance/db/queries/campaigns';
import { contactMergeValues } from '@relance/db/queries/merge-values';
import { effectiveStep, offerWording } from '@relance/domain/dispatch/variant-step';
import type { MergeValues } from '@relance/templates/merge-fields';
import { compilePhoneScript, renderPhoneScript } from '@relance/templates/phone-script';
import { codeParts, sendMergeValues, waveContext } from './outgoing';

/** What the agent reads on the call screen: the campaign's call script and offer, for this contact. */
export interface CallScript {
  campaign: { id: string; name: string };
  /** the phone step's script (null: the task comes from another channel's step, e.g. a click on an email) */
  script: { text: string; html: string } | null;
  /** the offer to propose: the phone step's, else the campaign's */
  offer: string | null;
}

/**
 * A task's script: its campaign's phone step as its send's variant group gets it, rendered with the contact's
 * values and the send's tracking code; for a task from another step (a hot prospect), the campaign's offer.
 */
export async function callScriptFor(
  db: Db,
  publicUrl: string,
  task: {
    campaignId: string | null;
    stepId: string | null;
    contactId: number;
    send: { variant: 'A' | 'B' | 'C'; trackingCode: string | null } | null;
  },
): Promise<CallScript | null> {
  if (!task.campaignId) return null;
  const stored = await getCampaign(db, task.campaignId);
  if (!stored) return null;
  const campaign = { id: stored.campaign.id, name: stored.campaign.name };
  const index = stored.steps.findIndex((s) => s.id === task.stepId);
  const step = index >= 0 ? stored.plan.steps[index] : undefined;
  const eff = step ? effectiveStep(step, task.send?.variant ?? 'A', stored.plan.offer) : null;
  const offer = offerWording(eff?.offer ?? stored.plan.offer ?? null);
  if (eff?.channel !== 'phone') return { campaign, script: null, offer };
  const contact = (await contactMergeValues(db, task.contactId)) ?? {};
  const code = task.send?.trackingCode ?? null;
  // the campaign's values as every channel gets them (offer end date, coupon), the send's code and links if any
  const ctx = { publicUrl, ...waveContext(stored, index, task.send?.variant ?? 'A', eff.offer), offer };
  const { offerEndDate, couponCode } = ctx;
  const values: MergeValues = {
    ...contact,
    ...(code ? sendMergeValues(...codeParts(code), ctx) : { offer, offerEndDate, couponCode }),
  };
  try {
    const rendered = renderPhoneScript(compilePhoneScript(eff.content as never), values);
    return { campaign, script: rendered.script, offer: rendered.offer.text || offer };
  } catch {
    // a script saved before a template rule changed: the offer still shows
    return { campaign, script: null, offer };
  }
}
