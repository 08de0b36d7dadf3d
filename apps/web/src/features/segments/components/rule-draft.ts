import type { SegmentDefinition, SegmentNode, SegmentRule } from '@relance/domain/segments/definition';
import {
  DAYS_OPERATORS,
  LIST_OPERATORS,
  NO_VALUE_OPERATORS,
  type Operator,
  RANGE_OPERATORS,
} from '@relance/domain/segments/operators';
import type { FieldError } from '../../../lib/api-error';
import type { SegmentFieldInfo } from '../api/segments';

/**
 * The segment as the builder edits it: the definition's tree, with an id per node (React keys, error mapping),
 * values kept as typed (texts, euros) until they are sent.
 */
export interface RuleDraft {
  id: string;
  kind: 'rule';
  field: string | null;
  operator: Operator | null;
  value: string;
  /** the upper bound of `between` */
  value2: string;
  values: string[];
  days: string;
  windowDays: string;
  campaignId: string | null;
}
export interface GroupDraft {
  id: string;
  kind: 'group';
  combinator: 'and' | 'or';
  not: boolean;
  children: NodeDraft[];
}
export type NodeDraft = RuleDraft | GroupDraft;

export type ValueShape = 'none' | 'single' | 'range' | 'list' | 'days';

export function valueShape(operator: Operator | null): ValueShape {
  if (!operator || (NO_VALUE_OPERATORS as readonly string[]).includes(operator)) return 'none';
  if ((RANGE_OPERATORS as readonly string[]).includes(operator)) return 'range';
  if ((LIST_OPERATORS as readonly string[]).includes(operator)) return 'list';
  if ((DAYS_OPERATORS as readonly string[]).includes(operator)) return 'days';
  return 'single';
}

let counter = 0;
const nextId = () => `n${++counter}`;

export const newRule = (): RuleDraft => ({
  id: nextId(),
  kind: 'rule',
  field: null,
  operator: null,
  value: '',
  value2: '',
  values: [],
  days: '',
  windowDays: '',
  campaignId: null,
});

export const newGroup = (
  combinator: 'and' | 'or' = 'and',
  children: NodeDraft[] = [newRule()],
): GroupDraft => ({
  id: nextId(),
  kind: 'group',
  combinator,
  not: false,
  children,
});

/** A rule on another field starts again: the operator the field offers first, its default window. */
export function withField(rule: RuleDraft, field: SegmentFieldInfo | undefined): RuleDraft {
  return {
    ...newRule(),
    id: rule.id,
    field: field?.key ?? null,
    operator: (field?.operators[0] as Operator | undefined) ?? null,
    windowDays: field?.defaultWindowDays !== undefined ? String(field.defaultWindowDays) : '',
  };
}

const number = (text: string): number | null => {
  const n = Number(text.replace(/\s/g, '').replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
};

/** A value as the API takes it: numbers as numbers, euros as cents, the rest as typed. */
function typed(field: SegmentFieldInfo, text: string): string | number | null {
  if (text.trim() === '') return null;
  if (field.type === 'number') return number(text);
  if (field.type === 'money') {
    const euros = number(text);
    return euros === null ? null : Math.round(euros * 100);
  }
  return text.trim();
}

/** A value as the builder shows it (cents back to euros). */
function shown(field: SegmentFieldInfo | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field?.type === 'money' && typeof value === 'number') return String(value / 100);
  return String(value);
}

function ruleToDefinition(rule: RuleDraft, fields: Map<string, SegmentFieldInfo>): SegmentRule | null {
  const field = rule.field ? fields.get(rule.field) : undefined;
  if (!field || !rule.operator) return null;
  const base: Record<string, unknown> = { kind: 'rule', field: field.key, operator: rule.operator };
  if (field.defaultWindowDays !== undefined) {
    const window = number(rule.windowDays);
    if (window === null) return null;
    base.windowDays = window;
  }
  if (field.type === 'campaign') {
    if (!rule.campaignId) return null;
    base.campaignId = rule.campaignId;
  }
  switch (valueShape(rule.operator)) {
    case 'none':
      break;
    case 'single': {
      const value = typed(field, rule.value);
      if (value === null) return null;
      base.value = value;
      break;
    }
    case 'range': {
      const low = typed(field, rule.value);
      const high = typed(field, rule.value2);
      if (low === null || high === null) return null;
      base.value = [low, high];
      break;
    }
    case 'list': {
      const values = rule.values.map((v) => typed(field, v)).filter((v) => v !== null);
      if (values.length === 0) return null;
      base.values = values;
      break;
    }
    case 'days': {
      const days = number(rule.days);
      if (days === null) return null;
      base.days = days;
      break;
    }
  }
  return base as unknown as SegmentRule;
}

/** The definition to count, or null while a rule is incomplete or a group empty (nothing is asked then). */
export function toDefinition(
  root: GroupDraft,
  fields: Map<string, SegmentFieldInfo>,
): SegmentDefinition | null {
  const convert = (group: GroupDraft): SegmentDefinition | null => {
    if (group.children.length === 0) return null;
    const children: SegmentNode[] = [];
    for (const child of group.children) {
      const node = child.kind === 'group' ? convert(child) : ruleToDefinition(child, fields);
      if (!node) return null;
      children.push(node);
    }
    return { kind: 'group', combinator: group.combinator, ...(group.not ? { not: true } : {}), children };
  };
  return convert(root);
}

/** A saved definition back into the builder. */
export function fromDefinition(
  definition: SegmentDefinition,
  fields: Map<string, SegmentFieldInfo>,
): GroupDraft {
  const rule = (r: SegmentRule): RuleDraft => {
    const field = fields.get(r.field);
    const raw = r as Record<string, unknown>;
    const range = Array.isArray(raw.value) ? (raw.value as unknown[]) : null;
    return {
      ...newRule(),
      field: r.field,
      operator: r.operator,
      value: range ? shown(field, range[0]) : shown(field, raw.value),
      value2: range ? shown(field, range[1]) : '',
      values: Array.isArray(raw.values) ? (raw.values as unknown[]).map((v) => shown(field, v)) : [],
      days: raw.days === undefined ? '' : String(raw.days),
      windowDays: r.windowDays === undefined ? '' : String(r.windowDays),
      campaignId: r.campaignId ?? null,
    };
  };
  const group = (g: SegmentDefinition): GroupDraft => ({
    ...newGroup(g.combinator, []),
    not: Boolean(g.not),
    children: g.children.map((c) => (c.kind === 'group' ? group(c) : rule(c))),
  });
  return group(definition);
}

/** Replaces the node `id` (anywhere in the tree) by what `change` returns; null removes it. */
export function updateNode(
  root: GroupDraft,
  id: string,
  change: (node: NodeDraft) => NodeDraft | null,
): GroupDraft {
  const visit = (group: GroupDraft): GroupDraft => ({
    ...group,
    children: group.children.flatMap((child) => {
      if (child.id === id) {
        const changed = change(child);
        return changed ? [changed] : [];
      }
      return child.kind === 'group' ? [visit(child)] : [child];
    }),
  });
  if (root.id === id) return change(root) as GroupDraft;
  return visit(root);
}

/**
 * The API's field errors by node: `definition.children.1.children.0.value` is the first rule of the second
 * item; the message goes to that rule, under the part named last.
 */
export function errorsByNode(root: GroupDraft, errors: readonly FieldError[]): Map<string, string[]> {
  const byPath = new Map<string, string>();
  const visit = (group: GroupDraft, path: string) => {
    byPath.set(path, group.id);
    group.children.forEach((child, i) => {
      const at = `${path}.children.${i}`;
      if (child.kind === 'group') visit(child, at);
      else byPath.set(at, child.id);
    });
  };
  visit(root, 'definition');
  const out = new Map<string, string[]>();
  for (const e of errors) {
    let path = e.field;
    // the longest path that is a node: `...children.0.values.3` belongs to `...children.0`
    while (path && !byPath.has(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const id = byPath.get(path) ?? root.id;
    out.set(id, [...(out.get(id) ?? []), e.message]);
  }
  return out;
}

/** How many rules the tree holds. */
export const ruleCount = (group: GroupDraft): number =>
  group.children.reduce((n, c) => n + (c.kind === 'group' ? ruleCount(c) : 1), 0);
