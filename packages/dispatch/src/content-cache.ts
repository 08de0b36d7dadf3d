import { type EmailBatchContent, emailBatchContent } from '@relance/channels/email/batch-content';
import type { EmailBody } from '@relance/channels/email/email-message';
import type { Channel } from '@relance/domain/vocabulary';
import type { MergeFieldName } from '@relance/templates/merge-fields';
import { type CompiledStepContent, compileStepContent } from '@relance/templates/step-content';

/**
 * A variant's content made ready to send: compiled ONCE (MJML to HTML, merge fields parsed, the letter laid out)
 * and then merged per recipient. For email, the compiled HTML is turned once into the shared body of SendGrid's
 * batches with a substitution tag per merge field (channels' emailBatchContent).
 */
export interface PreparedContent {
  channel: Channel;
  compiled: CompiledStepContent;
  email: (EmailBatchContent & { body: EmailBody }) | null;
  /** the merge fields the content uses; null: unknown (every value is read) */
  fields: ReadonlySet<MergeFieldName> | null;
}

function fieldsOf(compiled: CompiledStepContent): ReadonlySet<MergeFieldName> | null {
  switch (compiled.channel) {
    case 'email':
      return new Set(compiled.compiled.fields);
    case 'sms':
      return new Set(compiled.compiled.text.fields);
    case 'phone':
      return new Set(compiled.compiled.fields);
    default:
      return null;
  }
}

/**
 * Compiled contents by (step, variant), in this worker process. A step's content never changes once the campaign
 * has left its draft (a replaced plan gets new step ids), so an entry never goes stale; the promise is kept, so
 * that batches of the same variant processed at once share one compilation. `compilations` counts them (a test
 * proves a million sends of a variant compile its MJML once).
 */
export class ContentCache {
  private readonly entries = new Map<string, Promise<PreparedContent>>();
  compilations = 0;

  constructor(
    private readonly limit = 500,
    private readonly compile: typeof compileStepContent = compileStepContent,
  ) {}

  get(
    key: { stepId: string; variant: string },
    channel: Channel,
    content: unknown,
  ): Promise<PreparedContent> {
    const id = `${key.stepId}/${key.variant}`;
    let entry = this.entries.get(id);
    if (!entry) {
      entry = this.prepare(channel, content);
      this.entries.set(id, entry);
      // a failed compilation is not kept: the next batch tries again (and reports the same error)
      entry.catch(() => this.entries.delete(id));
      if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }

  private async prepare(channel: Channel, content: unknown): Promise<PreparedContent> {
    this.compilations += 1;
    const compiled = await this.compile(channel, content);
    return {
      channel,
      compiled,
      email: compiled.channel === 'email' ? emailBatchContent(compiled.compiled, { openPixel: true }) : null,
      fields: fieldsOf(compiled),
    };
  }
}
