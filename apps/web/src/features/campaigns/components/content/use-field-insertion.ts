import { type FocusEvent, useRef } from 'react';
import type { PlanForm } from '../number-fields';
import { insertMergeField, valueAtPath } from './content-values';

type Editable = HTMLInputElement | HTMLTextAreaElement;

/**
 * Merge field insertion into whichever text field of a step's content was focused last (else `fallback`), at its
 * caret: `track(field)` goes on each field that takes merge fields, `insert(name)` on the menu.
 */
export function useFieldInsertion(form: PlanForm, contentPath: string, fallback: string) {
  const last = useRef<{ field: string; element: Editable } | null>(null);
  const path = (field: string) => `${contentPath}.${field}`;
  const read = (field: string): string => {
    const value = valueAtPath(form.getValues(), path(field));
    return typeof value === 'string' ? value : '';
  };

  return {
    track: (field: string) => ({
      onFocus: (event: FocusEvent<Editable>) => {
        last.current = { field, element: event.currentTarget };
      },
    }),
    insert: (name: string) => {
      const target = last.current?.element.isConnected ? last.current : null;
      const field = target?.field ?? fallback;
      const value = read(field);
      const start = target?.element.selectionStart ?? value.length;
      const end = target?.element.selectionEnd ?? start;
      const next = insertMergeField(value, start, end, name);
      form.setFieldValue(path(field), next.value);
      if (target) {
        requestAnimationFrame(() => {
          target.element.focus();
          target.element.setSelectionRange(next.caret, next.caret);
        });
      }
    },
  };
}
