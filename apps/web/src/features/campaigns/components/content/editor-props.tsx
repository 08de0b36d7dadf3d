import type { PlanForm } from '../number-fields';
import { type ContentValues, messagesFor } from './content-values';
import { fieldMessages } from './field-messages';

/** What every channel's content editor gets from the step's content section. */
export interface ContentEditorProps {
  form: PlanForm;
  /** the step (for its unit costs) */
  index: number;
  /** where the content is in the form: `steps.N.content`, or a variant's */
  path: string;
  content: ContentValues;
  /** the content's errors by field (`mjml`, `sender.name`): the live preview's and the last save's */
  messages: Record<string, string[]>;
  readOnly: boolean;
}

/** A content field's value, change handler and errors (the save's and the live preview's, all of them). */
export function contentInput(
  { form, path, messages }: ContentEditorProps,
  field: string,
  onLine?: (line: number) => void,
) {
  const { error: _saved, ...props } = form.getInputProps(`${path}.${field}`);
  return { ...props, error: fieldMessages(messagesFor(messages, field), onLine) };
}
