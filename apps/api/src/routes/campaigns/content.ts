import type { Db } from '@relance/db/client';
import { contactMergeValues } from '@relance/db/queries/merge-values';
import { AppError, type FieldError } from '@relance/domain/errors';
import type { CampaignPlan } from '@relance/domain/planning/campaign-input';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { EXAMPLE_VALUES, type MergeValues } from '@relance/templates/merge-fields';
import { compileStepContent, renderStepContent } from '@relance/templates/step-content';
import { z } from 'zod';

/**
 * Compiles every step's content, and its variants' (MJML, merge fields, STOP mention, letter layout...); all
 * problems at once.
 */
export async function checkPlanContent(plan: CampaignPlan): Promise<void> {
  const errors: FieldError[] = [];
  const check = async (channel: Channel, content: unknown, path: string) => {
    try {
      await compileStepContent(channel, content, path);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation') errors.push(...err.fieldErrors);
      else throw err;
    }
  };
  for (const [i, step] of plan.steps.entries()) {
    if (step.content !== undefined) await check(step.channel, step.content, `steps.${i}.content`);
    // a message variant is written for the step's channel, a channel variant for its own
    for (const [j, variant] of (step.variants ?? []).entries()) {
      const path = `steps.${i}.variants.${j}.content`;
      if (variant.differsOn === 'message') await check(step.channel, variant.content, path);
      if (variant.differsOn === 'channel' && variant.content !== undefined) {
        await check(variant.channel, variant.content, path);
      }
    }
  }
  if (errors.length)
    throw AppError.validation('Some step contents have errors: fix the fields listed.', errors);
}

export const previewBody = z.object({
  channel: z.enum(CHANNELS, { error: `Choose a channel: ${CHANNELS.join(', ')}` }),
  content: z.unknown(),
  /** a real contact of the file; without one, the example contact */
  contactId: z.number().int().positive().optional(),
  offer: z.string().max(200).optional(),
});

/** Renders a step's content for a real contact (or the example one), with placeholder tracking values. */
export async function previewContent(db: Db, publicUrl: string, input: z.infer<typeof previewBody>) {
  let values: MergeValues = { ...EXAMPLE_VALUES };
  if (input.contactId !== undefined) {
    const contact = await contactMergeValues(db, input.contactId);
    if (!contact)
      throw AppError.validation('This contact does not exist.', [
        { field: 'contactId', message: 'Choose a contact of the file' },
      ]);
    values = { ...values, ...contact };
  }
  // a preview has no send yet: its tracking code and links are examples
  values = {
    ...values,
    trackingCode: EXAMPLE_VALUES.trackingCode,
    trackingUrl: `${publicUrl}/r/${EXAMPLE_VALUES.trackingCode}`,
    unsubscribeUrl: `${publicUrl}/unsubscribe/${EXAMPLE_VALUES.trackingCode}`,
    ...(input.offer ? { offer: input.offer } : {}),
  };
  const compiled = await compileStepContent(input.channel, input.content);
  return renderStepContent(compiled, values);
}
