import type { TFunction } from 'i18next';
import type { SegmentFieldInfo } from '../api/segments';

/** A field's label, in the user's language (the key itself if a label is missing). */
export const fieldLabel = (t: TFunction, field: SegmentFieldInfo) =>
  t(field.labelKey, { defaultValue: field.key });

export const operatorLabel = (t: TFunction, field: SegmentFieldInfo | undefined, operator: string) =>
  field?.type === 'campaign'
    ? t(`segments.campaignOperators.${operator}`)
    : t(`segments.operators.${operator}`);

export const optionLabel = (t: TFunction, field: SegmentFieldInfo, option: string) =>
  field.optionLabelPrefix ? t(`${field.optionLabelPrefix}.${option}`, { defaultValue: option }) : option;

/** The builder's field picker: fields grouped by category, in catalogue order. */
export function fieldChoices(t: TFunction, fields: readonly SegmentFieldInfo[]) {
  const groups = new Map<string, { value: string; label: string; disabled?: boolean }[]>();
  for (const field of fields) {
    const items = groups.get(field.category) ?? [];
    items.push({ value: field.key, label: fieldLabel(t, field), disabled: Boolean(field.unavailable) });
    groups.set(field.category, items);
  }
  return [...groups].map(([category, items]) => ({
    group: t(`segments.categories.${category}`, { defaultValue: category }),
    items,
  }));
}
