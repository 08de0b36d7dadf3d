import type { UseFormReturnType } from '@mantine/form';
import type { PlanningSettings } from '@relance/domain/planning/planning-settings';

export type PlanningSettingsForm = UseFormReturnType<PlanningSettings>;

const num = (v: string | number) => (typeof v === 'number' ? v : Number.parseFloat(v.replace(',', '.')));
const orNaN = (v: string | number) => (Number.isFinite(num(v)) ? num(v) : Number.NaN);

/**
 * Props for the settings' NumberInputs. They set no min or max: Mantine would silently clamp a negative or absurd
 * figure on blur, where the schema says what is wrong next to the field.
 */

/** A NumberInput in euros for a field stored in cents (an emptied field becomes NaN, which the schema refuses). */
export function euroInput(form: PlanningSettingsForm, path: string) {
  const props = form.getInputProps(path);
  const cents = props.value as number;
  return {
    ...props,
    value: Number.isFinite(cents) ? cents / 100 : '',
    decimalScale: 2,
    fixedDecimalScale: true,
    decimalSeparator: ',',
    suffix: ' €',
    onChange: (v: string | number) => form.setFieldValue(path, Math.round(orNaN(v) * 100) as never),
  };
}

/** A NumberInput in percent for a share stored between 0 and 1. */
export function percentInput(form: PlanningSettingsForm, path: string) {
  const props = form.getInputProps(path);
  const share = props.value as number;
  return {
    ...props,
    value: Number.isFinite(share) ? Math.round(share * 1e6) / 1e4 : '',
    decimalScale: 2,
    decimalSeparator: ',',
    suffix: ' %',
    onChange: (v: string | number) => form.setFieldValue(path, (Math.round(orNaN(v) * 1e4) / 1e6) as never),
  };
}

/** A plain NumberInput. */
export function numberInput(form: PlanningSettingsForm, path: string) {
  const props = form.getInputProps(path);
  const value = props.value as number;
  return {
    ...props,
    value: Number.isFinite(value) ? value : '',
    decimalSeparator: ',',
    onChange: (v: string | number) => form.setFieldValue(path, orNaN(v) as never),
  };
}
