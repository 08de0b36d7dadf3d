/**
 * A step's content as the builder edits it, per channel, and the pure helpers around it: empty content, stored
 * content into form values and back, live lengths (SMS segments, spoken seconds) with the example contact, merge
 * field insertion, and field errors grouped by field. The rules themselves are @relance/templates' (the same
 * code the API runs on save); this file only shapes values for the form.
 */

import { countSmsSegments, type SmsSegmentCount } from '@relance/domain/planning/sms-segments';
import type { Channel } from '@relance/domain/vocabulary';
import { EXAMPLE_VALUES, render, tryCompileTemplate } from '@relance/templates/merge-fields';
import { DEFAULT_MAX_VOICE_SECONDS, estimateSpokenSeconds } from '@relance/templates/voice';

export interface EmailContentValues {
  subject: string;
  preheader: string;
  mjml: string;
  /** the plain-text part; empty: generated from the HTML */
  text: string;
}
export interface SmsContentValues {
  text: string;
  senderName: string;
  commercial: boolean;
}
/** A voice message: a script read by text-to-speech, or a recording (both kept while the marketer hesitates). */
export interface VoiceContentValues {
  kind: 'script' | 'audio';
  script: string;
  maxSeconds: number;
  /** the uploaded recording ('' before any) and what its upload measured */
  mediaId: string;
  durationSeconds: number;
  filename: string;
}
export interface LetterContentValues {
  sender: { name: string; addressLines: string[] };
  place: string;
  subject: string;
  hook: string;
  body: string;
  codeLabel: string;
  qrCaption: string;
  signature: string;
  footer: string;
}
export interface PhoneContentValues {
  script: string;
  offer: string;
}

export interface ContentByChannel {
  email: EmailContentValues;
  sms: SmsContentValues;
  voice: VoiceContentValues;
  postal: LetterContentValues;
  phone: PhoneContentValues;
}
export type ContentValues = ContentByChannel[Channel];

/** A step's content before anyone writes it: the letter's fixed labels prefilled with what the API defaults to. */
export function emptyContent<C extends Channel>(channel: C): ContentByChannel[C];
export function emptyContent(channel: Channel): ContentValues {
  switch (channel) {
    case 'email':
      return { subject: '', preheader: '', mjml: '', text: '' };
    case 'sms':
      return { text: '', senderName: '', commercial: true };
    case 'voice':
      return {
        kind: 'script',
        script: '',
        maxSeconds: DEFAULT_MAX_VOICE_SECONDS,
        mediaId: '',
        durationSeconds: 0,
        filename: '',
      };
    case 'postal':
      return {
        sender: { name: '', addressLines: [] },
        place: '',
        subject: '',
        hook: '',
        body: '',
        codeLabel: 'Votre code personnel',
        qrCaption: 'Scannez-moi pour en profiter',
        signature: '{{senderName}}',
        footer: '',
      };
    case 'phone':
      return { script: '', offer: '' };
    default: {
      const never: never = channel;
      return never;
    }
  }
}

type Shape = string | number | boolean | string[] | { [key: string]: Shape };

/** `stored` read into the shape of `empty`: each value of the right type is taken, anything else left at empty. */
function fillShape(empty: Shape, stored: unknown): Shape {
  if (Array.isArray(empty)) {
    return Array.isArray(stored) && stored.every((s) => typeof s === 'string') ? [...stored] : empty;
  }
  if (typeof empty === 'object') {
    const from = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(empty).map(([k, v]) => [k, fillShape(v, from[k])]));
  }
  return typeof stored === typeof empty ? (stored as Shape) : empty;
}

/** Stored content (the plan as the API gives it back) into form values for the step's channel. */
export function contentFromPlan<C extends Channel>(channel: C, stored: unknown): ContentByChannel[C] {
  const values = fillShape(
    emptyContent(channel) as unknown as Shape,
    stored,
  ) as unknown as ContentByChannel[C];
  if (channel === 'voice') {
    // a script stored before recordings existed has no kind
    const voice = values as VoiceContentValues;
    if (voice.kind !== 'audio') voice.kind = 'script';
  }
  return values;
}

function sameShape(a: Shape, b: Shape): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether nobody has written anything yet (the empty content, letter labels as prefilled). */
export function isUnwritten(channel: Channel, content: ContentValues | undefined): boolean {
  if (content === undefined) return true;
  let compared = content;
  if (channel === 'voice' && (content as VoiceContentValues).mediaId === '') {
    // "recorded audio" chosen but nothing uploaded yet is still nothing written
    compared = { ...(content as VoiceContentValues), kind: 'script' };
  }
  return sameShape(compared as unknown as Shape, emptyContent(channel) as unknown as Shape);
}

/** The content for the plan: left out while unwritten (a step may be planned before its message is). */
export function contentForPlan(channel: Channel, content: ContentValues | undefined): unknown {
  if (content === undefined || isUnwritten(channel, content)) return undefined;
  if (channel === 'voice') return voiceForPlan(content as VoiceContentValues);
  if (channel === 'postal') {
    const letter = content as LetterContentValues;
    // blank lines of the sender's address are how people make room while typing; they are not address lines
    const addressLines = letter.sender.addressLines.filter((line) => line.trim() !== '');
    return { ...letter, sender: { ...letter.sender, addressLines } };
  }
  return content;
}

/** A voice message as the API takes it: the script, or the recording (what the other choice holds stays out). */
function voiceForPlan(voice: VoiceContentValues): unknown {
  const { kind, script, maxSeconds, mediaId, durationSeconds, filename } = voice;
  if (kind === 'script') return { kind, script, maxSeconds };
  return { kind, mediaId, durationSeconds, maxSeconds, ...(filename ? { filename } : {}) };
}

/** The fields each channel's editor shows; an error elsewhere is listed in the preview panel instead. */
export const CONTENT_FIELDS: Readonly<Record<Channel, readonly string[]>> = {
  email: ['subject', 'preheader', 'mjml', 'text'],
  sms: ['text', 'senderName', 'commercial'],
  voice: ['kind', 'script', 'maxSeconds', 'mediaId', 'durationSeconds', 'filename'],
  postal: [
    'sender.name',
    'sender.addressLines',
    'place',
    'subject',
    'hook',
    'body',
    'codeLabel',
    'qrCaption',
    'signature',
    'footer',
  ],
  phone: ['script', 'offer'],
};

export interface FieldMessage {
  field: string;
  message: string;
}

/**
 * Messages grouped by field, keeping only the fields under `prefix` (which is removed): the preview answers
 * `content.mjml`, a save `steps.2.content.mjml`; both become `mjml` (and `content` itself becomes '').
 * Several errors on one field (MJML) are all kept, once each.
 */
export function messagesByField(errors: readonly FieldMessage[], prefix: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    if (e.field !== prefix && !e.field.startsWith(`${prefix}.`)) continue;
    const field = e.field.slice(prefix.length + 1);
    const list = out[field] ?? [];
    if (!list.includes(e.message)) list.push(e.message);
    out[field] = list;
  }
  return out;
}

/** Both sets of messages by field, each message once. */
export function mergeMessages(...sets: Record<string, string[]>[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const set of sets) {
    for (const [field, messages] of Object.entries(set)) {
      const list = out[field] ?? [];
      for (const m of messages) if (!list.includes(m)) list.push(m);
      out[field] = list;
    }
  }
  return out;
}

/** A form's error record (several messages of a field joined by line breaks) as a list of field messages. */
export function splitFormErrors(errors: Record<string, unknown>): FieldMessage[] {
  return Object.entries(errors).flatMap(([field, message]) =>
    typeof message === 'string' ? message.split('\n').map((m) => ({ field, message: m })) : [],
  );
}

/** The messages for a field shown by the editor: its own and those of its parts (`sender.addressLines.2`). */
export function messagesFor(byField: Record<string, string[]>, field: string): string[] {
  return Object.entries(byField)
    .filter(([f]) => f === field || f.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);
}

/** The errors no field of this channel's editor shows. */
export function unplacedMessages(channel: Channel, byField: Record<string, string[]>): FieldMessage[] {
  const shown = CONTENT_FIELDS[channel];
  return Object.entries(byField)
    .filter(([f]) => !shown.some((s) => f === s || f.startsWith(`${s}.`)))
    .flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
}

/** Field errors as a form's error record, several messages of one field joined by a line break. */
export function joinedFieldErrors(errors: readonly FieldMessage[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]}\n${e.message}` : e.message;
  return out;
}

/** `text` rendered with the example contact when its merge fields are valid, else as typed. */
function withExampleValues(text: string): string {
  const compiled = tryCompileTemplate(text, 'text');
  return compiled.ok ? render(compiled.template, EXAMPLE_VALUES, { escape: 'none' }) : text;
}

/** The SMS length as the API checks it: the text merged with the example contact. */
export function smsLength(text: string): SmsSegmentCount {
  return countSmsSegments(withExampleValues(text));
}

/** The estimated spoken length (seconds) of a voice script, with the example contact, as the API checks it. */
export function voiceSeconds(script: string): number {
  return estimateSpokenSeconds(withExampleValues(script));
}

/** `{{name}}` put in place of the selection [start, end), and where the caret goes after it. */
export function insertMergeField(
  value: string,
  start: number,
  end: number,
  name: string,
): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  const token = `{{${name}}}`;
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}

/** The offsets of a 1-based line in a text (to select the line an MJML error names); null past the end. */
export function lineRange(text: string, line: number): { start: number; end: number } | null {
  if (!Number.isInteger(line) || line < 1) return null;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return null;
    start = next + 1;
  }
  const newline = text.indexOf('\n', start);
  return { start, end: newline < 0 ? text.length : newline };
}

/** The line an error message names (`line 12: …` or `line 3, column 5: …`), if any. */
export function messageLine(message: string): number | null {
  const m = /^line (\d+)\b/.exec(message);
  return m ? Number(m[1]) : null;
}

/** How the preview's contact picker names a contact: `Mme Hélène Lefèvre · Boulangerie Martin · Lyon`. */
export function contactLabel(c: {
  id: number;
  civility?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  email?: string | null;
  city?: string | null;
}): string {
  const name = [c.civility, c.firstName, c.lastName].filter((p) => p?.trim()).join(' ');
  const parts = [name, c.companyName, c.city].filter((p): p is string => Boolean(p?.trim()));
  if (parts.length === 0) return c.email?.trim() || `#${c.id}`;
  return parts.join(' · ');
}

/** The value at a dotted form path (`steps.2.content`, `steps.2.variants.0.content`). */
export function valueAtPath(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
