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
}

/** html: escaped; subject: line breaks made spaces (a header); text: as it is */
type Part = 'html' | 'subject' | 'text';

interface Tag {
  key: string;
  name: keyof MergeValues & string;
  fallback: string;
  part: Part;
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

/**
 * `openPixel`: the HTML part gets a substitution tag before `</body>`, replaced per recipient by a 1×1 image of
 * their open pixel URL (nothing when a recipient has none).
 */
export function emailBatchContent(
  email: CompiledEmail,
  options: { openPixel?: boolean } = {},
): EmailBatchContent {
  // a per-variant nonce keeps the tags from matching anything the author wrote
  const nonce = randomBytes(4).toString('hex');
  const tags = new Map<string, Tag>();
  const tagFor = (name: Tag['name'], fallback: string, part: Part): string => {
    const id = `${part}:${name}:${fallback}`;
    let tag = tags.get(id);
    if (!tag) {
      tag = { key: `-rl${nonce}-${tags.size}-`, name, fallback, part };
      tags.set(id, tag);
    }
    return tag.key;
  };
  const withTags = (template: CompiledTemplate, part: Part) => {
    let out = template.statics[0]!;
    template.slots.forEach((slot, i) => {
      out += tagFor(slot.name, slot.fallback, part) + template.statics[i + 1]!;
    });
    return part === 'subject' ? out.replace(/[\r\n]+/g, ' ') : out;
  };
  const pixelKey = options.openPixel ? `-rl${nonce}-px-` : null;
  const html = withTags(email.html, 'html');
  const body: EmailBody = {
    subject: withTags(email.subject, 'subject'),
    html: pixelKey ? beforeBodyEnd(html, pixelKey) : html,
    text: withTags(email.text, 'text'),
  };
  const list = [...tags.values()];
  return {
    body,
    substitutions: (values, extra) => {
      const out: Record<string, string> = {};
      for (const tag of list) {
        const value = values[tag.name];
        const text = isBlank(value) ? tag.fallback : (value as string);
        out[tag.key] = clean(tag.part, text);
      }
      if (pixelKey) {
        const url = extra?.openPixelUrl;
        out[pixelKey] = url
          ? `<img src="${escapeHtml(url)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" />`
          : '';
      }
      return out;
    },
  };
}

/** `html` with `insert` just before its last `</body>` (at the end when it has none). */
function beforeBodyEnd(html: string, insert: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? html + insert : html.slice(0, at) + insert + html.slice(at);
}
