import type { VoiceContent } from '@relance/channels/voice/voice-twiml';
import type { Db } from '@relance/db/client';
import { getCampaign } from '@relance/db/queries/campaigns';
import type { ClaimedSend } from '@relance/db/queries/dispatch-claims';
import { contactMergeValues } from '@relance/db/queries/merge-values';
import { effectiveStep } from '@relance/domain/dispatch/variant-step';
import { sql } from 'drizzle-orm';
import { ContentCache, type PreparedContent } from './content-cache';
import { type SendContext, voiceMessages, waveContext } from './outgoing';

interface VariantContent {
  prepared: PreparedContent;
  ctx: Omit<SendContext, 'publicUrl'>;
}

/**
 * The message a live voice call plays once the answering machine detection answers (the API's detection webhook):
 * the send's step content for its variant, rendered for its contact exactly as the dispatch engine rendered it
 * (outgoing.ts voiceMessages: the script with the contact's values and the send's code, or the recording's URL).
 * The call is silent meanwhile, so the variant's compiled content and offer are kept per (step, variant) in this
 * process; a call costs two small queries (the send, the contact's values).
 */
export function createVoiceAnswerContent(db: Db, publicUrl: string) {
  const cache = new ContentCache(200);
  const variants = new Map<string, Promise<VariantContent | null>>();

  async function variantContent(campaignId: string, stepId: string, variant: 'A' | 'B' | 'C') {
    const stored = await getCampaign(db, campaignId);
    if (!stored) return null;
    const index = stored.steps.findIndex((s) => s.id === stepId);
    const step = stored.plan.steps[index];
    if (!step) return null;
    const eff = effectiveStep(step, variant, stored.plan.offer);
    if (eff.channel !== 'voice') return null;
    const prepared = await cache.get({ stepId, variant }, 'voice', eff.content);
    return {
      prepared,
      ctx: waveContext(stored, index, variant, eff.offer),
    };
  }

  return async function contentFor(sendId: number): Promise<VoiceContent | null> {
    const [send] = await db.execute<{
      id: string;
      contact_id: string;
      campaign_id: string;
      step_id: string;
      variant: 'A' | 'B' | 'C';
      tracking_code: string;
      address: string | null;
      channel: string;
    }>(sql`
      SELECT id, contact_id, campaign_id, step_id, variant, tracking_code, address, channel
        FROM sends WHERE id = ${sendId}`);
    if (send?.channel !== 'voice') return null;
    const key = `${send.step_id}/${send.variant}`;
    let entry = variants.get(key);
    if (!entry) {
      entry = variantContent(send.campaign_id, send.step_id, send.variant);
      variants.set(key, entry);
      entry.then((v) => v ?? variants.delete(key)).catch(() => variants.delete(key));
      if (variants.size > 200) variants.delete(variants.keys().next().value!);
    }
    const variant = await entry;
    const values = variant ? await contactMergeValues(db, Number(send.contact_id)) : null;
    if (!variant || !values) return null;
    const claimed = {
      id: Number(send.id),
      contactId: Number(send.contact_id),
      trackingCode: send.tracking_code,
      address: send.address ?? '',
      values,
    } as ClaimedSend;
    const [message] = voiceMessages([claimed], variant.prepared, { ...variant.ctx, publicUrl });
    return message?.content ?? null;
  };
}
export type VoiceAnswerContent = ReturnType<typeof createVoiceAnswerContent>;
