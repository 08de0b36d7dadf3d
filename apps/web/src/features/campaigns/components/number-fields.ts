import type { UseFormReturnType } from '@mantine/form';
import type { PlanValues } from './plan-values';

export type PlanForm = UseFormReturnType<PlanValues>;

const num = (v: string | number) => (typeof v === 'number' ? v : Number.parseFloat(v.replace(',', '.')));

/** Props for a NumberInput that shows euros for a field stored in cents. */
export function euroProps(form: PlanForm, path: string) {
  const props = form.getInputProps(path);
  const cents = props.value as number;
  return {
    ...props,
    value: Number.isFinite(cents) ? cents / 100 : '',
    decimalScale: 2,
    fixedDecimalScale: true,
    decimalSeparator: ',',
    suffix: ' €',
    onChange: (v: string | number) =>
      form.setFieldValue(path, Number.isFinite(num(v)) ? Math.round(num(v) * 100) : (NaN as never)),
  };
}

/** Props for a NumberInput that shows a percentage for a share stored between 0 and 1. */
export function percentProps(form: PlanForm, path: string) {
  const props = form.getInputProps(path);
  const share = props.value as number;
  return {
    ...props,
    value: Number.isFinite(share) ? Math.round(share * 1e6) / 1e4 : '',
    decimalScale: 2,
    decimalSeparator: ',',
    suffix: ' %',
    onChange: (v: string | number) =>
      form.setFieldValue(path, Number.isFinite(num(v)) ? Math.round(num(v) * 1e4) / 1e6 : (NaN as never)),
  };
}

/** Props for a plain NumberInput (an emptied field becomes NaN, which the schema refuses). */
export function numberProps(form: PlanForm, path: string) {
  const props = form.getInputProps(path);
  const value = props.value as number;
  return {
    ...props,
    value: Number.isFinite(value) ? value : '',
    onChange: (v: string | number) =>
      form.setFieldValue(path, (Number.isFinite(num(v)) ? num(v) : NaN) as never),
  };
}
