import type { Db } from '@relance/db/client';
import { findMedia } from '@relance/db/queries/media';
import { contactMergeValues } from '@relance/db/queries/merge-values';
import { AppError, type FieldError } from '@relance/domain/errors';
import type { CampaignPlan } from '@relance/domain/planning/campaign-input';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { EXAMPLE_VALUES, type MergeValues } from '@relance/templates/merge-fields';
import {
  type CompiledStepContent,
  compileStepContent,
  renderStepContent,
} from '@relance/templates/step-content';
import { voiceAudioUrl } from '@relance/templates/voice';
import { z } from 'zod';

/** A voice message's recording (under `path`) as its content names it. */
interface AudioUse {
  path: string;
  mediaId: string;
  durationSeconds: number;
}

/**
 * The recordings named by voice messages exist, are audio, and last what the content says (the upload's
 * measure): one query for all of them.
 */
export async function checkVoiceMedia(db: Db, uses: readonly AudioUse[]): Promise<FieldError[]> {
  if (uses.length === 0) return [];
  const found = await findMedia(
    db,
    uses.map((u) => u.mediaId),
  );
  const errors: FieldError[] = [];
  for (const use of uses) {
    const media = found.get(use.mediaId);
    if (media?.kind !== 'audio') {
      errors.push({
        field: `${use.path}.mediaId`,
        message: 'This recording was not found: upload the audio file again.',
      });
    } else if (Math.abs(media.durationSeconds - use.durationSeconds) > 0.05) {
      errors.push({
        field: `${use.path}.durationSeconds`,
        message: `The recording lasts ${Math.round(media.durationSeconds * 10) / 10} s, not ${use.durationSeconds} s: send the duration the upload answered.`,
      });
    }
  }
  return errors;
}

function audioUse(compiled: CompiledStepContent, path: string): AudioUse[] {
  if (compiled.channel !== 'voice' || compiled.compiled.kind !== 'audio') return [];
  const { mediaId, durationSeconds } = compiled.compiled;
  return [{ path, mediaId, durationSeconds }];
}

/**
 * Compiles every step's content, and its variants' (MJML, merge fields, STOP mention, letter layout...), and
 * checks the recordings voice messages play; all problems at once.
 */
export async function checkPlanContent(db: Db, plan: CampaignPlan): Promise<void> {
  const errors: FieldError[] = [];
  const audio: AudioUse[] = [];
  const check = async (channel: Channel, content: unknown, path: string) => {
    try {
      audio.push(...audioUse(await compileStepContent(channel, content, path), path));
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
  errors.push(...(await checkVoiceMedia(db, audio)));
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
  const mediaErrors = await checkVoiceMedia(db, audioUse(compiled, 'content'));
  if (mediaErrors.length)
    throw AppError.validation('The voice message has errors: fix the fields listed.', mediaErrors);
  const rendered = await renderStepContent(compiled, values);
  // the recording is the same for everyone: its address, as the provider will fetch it
  if (rendered.channel === 'voice' && rendered.kind === 'audio')
    return { ...rendered, audioUrl: voiceAudioUrl(publicUrl, rendered.mediaId) };
  return rendered;
}
