import { AppError } from '@relance/domain/errors';
import type { Channel } from '@relance/domain/vocabulary';
import { type CompiledEmail, compileEmail, renderEmail } from './email';
import { type CompiledLetter, compileLetter, renderLetterPdf } from './letter';
import type { MergeValues } from './merge-fields';
import { type CompiledPhoneScript, compilePhoneScript, renderPhoneScript } from './phone-script';
import { type CompiledSms, compileSms, renderSms } from './sms';
import { type CompiledVoice, compileVoice, type RenderedVoice, renderVoice } from './voice';

/** A step's content, compiled for its channel. */
export type CompiledStepContent =
  | { channel: 'email'; compiled: CompiledEmail }
  | { channel: 'sms'; compiled: CompiledSms }
  | { channel: 'voice'; compiled: CompiledVoice }
  | { channel: 'postal'; compiled: CompiledLetter }
  | { channel: 'phone'; compiled: CompiledPhoneScript };

/** A step's content rendered for one contact (the preview, and later each send). */
export type RenderedStepContent =
  | { channel: 'email'; subject: string; html: string; text: string }
  | { channel: 'sms'; text: string }
  | ({ channel: 'voice' } & RenderedVoice)
  | { channel: 'postal'; pdf: Buffer }
  | { channel: 'phone'; script: { text: string; html: string }; offer: { text: string; html: string } };

/**
 * Validates and compiles the content of a step for its channel. Field errors come back under `path`
 * (e.g. `steps.2.content.mjml`), so that the builder shows them next to the right field.
 */
export async function compileStepContent(
  channel: Channel,
  content: unknown,
  path = 'content',
): Promise<CompiledStepContent> {
  try {
    switch (channel) {
      case 'email':
        return { channel, compiled: await compileEmail(content as never) };
      case 'sms':
        return { channel, compiled: compileSms(content as never) };
      case 'voice':
        return { channel, compiled: compileVoice(content as never) };
      case 'postal':
        return { channel, compiled: compileLetter(content as never) };
      case 'phone':
        return { channel, compiled: compilePhoneScript(content as never) };
      default: {
        const never: never = channel;
        return never;
      }
    }
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') {
      throw AppError.validation(
        err.message,
        err.fieldErrors.map((e) => ({ field: `${path}.${e.field}`, message: e.message })),
      );
    }
    throw err;
  }
}

export async function renderStepContent(
  step: CompiledStepContent,
  values: MergeValues,
): Promise<RenderedStepContent> {
  switch (step.channel) {
    case 'email':
      return { channel: 'email', ...renderEmail(step.compiled, values) };
    case 'sms':
      return { channel: 'sms', text: renderSms(step.compiled, values) };
    case 'voice':
      return { channel: 'voice', ...renderVoice(step.compiled, values) };
    case 'postal': {
      const address = [
        [values.civility, values.firstName, values.lastName].filter(Boolean).join(' '),
        values.company ?? '',
        values.addressLine1 ?? '',
        [values.postalCode, values.city].filter(Boolean).join(' '),
      ].filter((line) => line.trim() !== '');
      return { channel: 'postal', pdf: await renderLetterPdf(step.compiled, { address, values }) };
    }
    case 'phone':
      return { channel: 'phone', ...renderPhoneScript(step.compiled, values) };
    default: {
      const never: never = step;
      return never;
    }
  }
}
