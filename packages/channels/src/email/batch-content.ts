import { randomBytes } from 'node:crypto';
import type { CompiledEmail } from '@relance/templates/email';
import { type CompiledTemplate, escapeHtml, type MergeValues } from '@relance/templates/merge-fields';
import type { EmailBody } from './email-message';

/**
 * A variant's email made ready for batches: its compiled templates (MJML already compiled, once) with each
 * merge field replaced by a substitution tag, and a function giving one recipient's values for those tags.
 * SendGrid then merges each personalization's values into the shared body, as `render()` would have: the
 * HTML part gets HTML-escaped values, the subject and text parts raw ones, a blank value its fallback.
 */
export interface EmailBatchContent {
  body: EmailBody;
  /** one recipient's values; `openPixelUrl`: their open pixel (when the body has one), e.g. PUBLIC_URL/o/<code>.gif */
  substitutions: (values: MergeValues, extra?: { openPixelUrl?: string | null }) => Record<string, string>;
  /**
   * The two tags that stand for the two parts of a recipient's code (e.g. K7QMZ and 4XPTR) inside the values
   * given to `forBatch`: a link `PUBLIC_URL/r/<part 1><part 2>` is written `PUBLIC_URL/r/${codeTags[0]}${codeTags[1]}`.
   */
  codeTags: readonly [string, string];
  /**
   * The body of one batch of recipients: the `shared` values — the fields the same for all of them, and the
   * fields made of a recipient's code, written with `codeTags` — written into it once, so that each recipient
   * carries only the substitutions of the other fields (their name, their city…) and the two parts of their code.
   * About half the bytes per recipient of `body`/`substitutions`, where each tracking link went whole, once for
   * the HTML part and once for the text. The open pixel, when the content has one, is `openPixelUrl` (with the
   * code tags) in the body; nothing when it is blank.
   */
  forBatch: (
    shared: MergeValues,
    extra?: {
      openPixelUrl?: string | null;
      /**
       * The batch's recipients' own values: a field whose values (and fallback) read the same in every part it is
       * in gets one tag for them all (its HTML and text parts, say) instead of one per part.
       */
      recipients?: readonly MergeValues[];
    },
  ) => EmailBatch;
}

/** A batch's body (one object: its recipients go in the same requests) and its recipients' substitutions. */
export interface EmailBatch {
  body: EmailBody;
  /** one recipient's values for the fields not shared, and the two parts of their code (letters and digits) */
  substitutions: (values: MergeValues, code: readonly [string, string]) => Record<string, string>;
}

type Slot = CompiledTemplate['slots'][number];

/** html: escaped; subject: line breaks made spaces (a header); text: as it is */
type Part = 'html' | 'subject' | 'text';

interface Tag {
  key: string;
  name: keyof MergeValues & string;
  fallback: string;
  part: Part;
  /** one tag for every part the field is in (a batch's values needing no cleaning) */
  everywhere?: boolean;
}

function clean(part: Part, text: string): string {
  if (part === 'html') return escapeHtml(text);
  if (part === 'subject') return text.replace(/[\r\n]+/g, ' ');
  return text;
}

/** as merge-fields' isBlank (a value of spaces only takes the fallback), without a trimmed copy per value */
function isBlank(value: string | null | undefined): boolean {
  if (value == null) return true;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32) return false;
  return true;
}

/** A code part goes unescaped in every part of the message: letters, digits, `-` and `_` only. */
const PLAIN = /^[A-Za-z0-9_-]*$/;

const pixelImg = (url: string) =>
  `<img src="${escapeHtml(url)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" />`;

/** A nonce of 4 hex digits that no tag of the content can collide with (drawn again in the rare case it could). */
function nonceFor(texts: readonly string[]): string {
  for (;;) {
    const nonce = randomBytes(2).toString('hex');
    if (!texts.some((t) => t.includes(`-r${nonce}`))) return nonce;
  }
}

/**
 * `openPixel`: the HTML part gets a substitution tag before `</body>`, replaced per recipient by a 1×1 image of
 * their open pixel URL (nothing when a recipient has none).
 */
export function emailBatchContent(
  email: CompiledEmail,
  options: { openPixel?: boolean } = {},
): EmailBatchContent {
  const templates = [email.html, email.subject, email.text];
  // a nonce per variant keeps the tags (`-r<nonce>-<n>-`) from matching anything the author wrote
  const nonce = nonceFor(templates.flatMap((t) => t.statics));
  const tags = new Map<string, Tag>();
  const tagFor = (name: Tag['name'], fallback: string, part: Part): Tag => {
    const id = `${part}:${name}:${fallback}`;
    let tag = tags.get(id);
    if (!tag) {
      tag = { key: `-r${nonce}-${tags.size}-`, name, fallback, part };
      tags.set(id, tag);
    }
    return tag;
  };
  /** the part's text, each slot written by `slot` (its tag, or a shared value) */
  const write = (template: CompiledTemplate, part: Part, slot: (s: Slot, part: Part) => string) => {
    let out = template.statics[0]!;
    template.slots.forEach((s, i) => {
      out += slot(s, part) + template.statics[i + 1]!;
    });
    return part === 'subject' ? out.replace(/[\r\n]+/g, ' ') : out;
  };
  const parts: [Part, CompiledTemplate][] = [
    ['html', email.html],
    ['subject', email.subject],
    ['text', email.text],
  ];
  /** per field, the characters that cleaning changes in the parts it appears in (none: the text part only) */
  const needsCleaning = new Map<string, RegExp>();
  /** the parts each field appears in */
  const partsOf = new Map<string, Part[]>();
  for (const [part, template] of parts)
    for (const s of template.slots) {
      const list = partsOf.get(s.name) ?? [];
      if (!list.includes(part)) list.push(part);
      partsOf.set(s.name, list);
    }
  for (const [name, list] of partsOf) {
    const chars = `${list.includes('html') ? '&<>"\'' : ''}${list.includes('subject') ? '\\r\\n' : ''}`;
    if (chars) needsCleaning.set(name, new RegExp(`[${chars}]`));
  }
  const pixelKey = options.openPixel ? `-r${nonce}-px-` : null;
  const withTags = (part: Part, template: CompiledTemplate) =>
    write(template, part, (s, p) => tagFor(s.name, s.fallback, p).key);
  const html = withTags('html', email.html);
  const body: EmailBody = {
    subject: withTags('subject', email.subject),
    html: pixelKey ? beforeBodyEnd(html, pixelKey) : html,
    text: withTags('text', email.text),
  };
  const list = [...tags.values()];
  const codeTags = [`-r${nonce}-c0-`, `-r${nonce}-c1-`] as const;
  return {
    body,
    substitutions: (values, extra) => {
      const out: Record<string, string> = {};
      for (const tag of list) {
        const value = values[tag.name];
        out[tag.key] = clean(tag.part, isBlank(value) ? tag.fallback : (value as string));
      }
      if (pixelKey) {
        const url = extra?.openPixelUrl;
        out[pixelKey] = url ? pixelImg(url) : '';
      }
      return out;
    },
    codeTags,
    forBatch: (shared, extra) => {
      const recipients = extra?.recipients;
      // a field none of the batch's values of which changes when cleaned for the parts it appears in (no HTML
      // special character where it is in the HTML, no line break where it is in the subject) has one tag for all
      // of them, as has its fallback when that does not change either
      const sameEverywhere = new Map<string, boolean>();
      const unchanged = (name: string, text: string) => !needsCleaning.get(name)?.test(text);
      const sharable = (name: keyof MergeValues & string) => {
        let same = sameEverywhere.get(name);
        if (same === undefined) {
          same =
            recipients?.every((v) => {
              const value = v[name];
              return isBlank(value) || unchanged(name, value as string);
            }) ?? false;
          sameEverywhere.set(name, same);
        }
        return same;
      };
      const local = new Map<string, Tag>();
      const own: Tag[] = [];
      const slot = (s: Slot, part: Part) => {
        if (Object.hasOwn(shared, s.name)) {
          const value = shared[s.name];
          return clean(part, isBlank(value) ? s.fallback : (value as string));
        }
        const everywhere = sharable(s.name) && unchanged(s.name, s.fallback);
        const id = `${everywhere ? '*' : part}:${s.name}:${s.fallback}`;
        let tag = local.get(id);
        if (!tag) {
          // 'text' cleans nothing: a tag for every part carries values that need no cleaning
          tag = {
            key: `-r${nonce}-${local.size}-`,
            name: s.name,
            fallback: s.fallback,
            part: everywhere ? 'text' : part,
            everywhere,
          };
          local.set(id, tag);
          own.push(tag);
        }
        return tag.key;
      };
      const html = write(email.html, 'html', slot);
      const url = extra?.openPixelUrl;
      const batchBody: EmailBody = {
        subject: write(email.subject, 'subject', slot),
        html: options.openPixel && url ? beforeBodyEnd(html, pixelImg(url)) : html,
        text: write(email.text, 'text', slot),
      };
      return {
        body: batchBody,
        substitutions: (values, code) => {
          if (!PLAIN.test(code[0]) || !PLAIN.test(code[1]))
            throw new Error('A code part must be letters and digits: it is not escaped.');
          const out: Record<string, string> = { [codeTags[0]]: code[0], [codeTags[1]]: code[1] };
          for (const tag of own) {
            const value = values[tag.name];
            const text = isBlank(value) ? tag.fallback : (value as string);
            // a tag shared by the parts only takes values that need no cleaning: one the batch was not built for
            // (not among its `recipients`) could otherwise go into the HTML unescaped
            if (tag.everywhere && !unchanged(tag.name, text))
              throw new Error(`The ${tag.name} of a recipient not given to forBatch needs escaping.`);
            out[tag.key] = clean(tag.part, text);
          }
          return out;
        },
      };
    },
  };
}

/** `html` with `insert` just before its last `</body>` (at the end when it has none). */
function beforeBodyEnd(html: string, insert: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + insert : html.slice(0, at) + insert + html.slice(at);
}
