import type { UseFormReturnType } from '@mantine/form';

// any form: the field is named by its path, as Mantine's own getInputProps does
// biome-ignore lint/suspicious/noExplicitAny: the helpers serve every form's values
type AnyForm = UseFormReturnType<any>;

const num = (v: string | number) => (typeof v === 'number' ? v : Number.parseFloat(v.replace(',', '.')));
/** what an emptied or unreadable field becomes: NaN, which the schemas refuse next to the field */
const orNaN = (v: string | number) => (Number.isFinite(num(v)) ? num(v) : Number.NaN);

/** Props for a NumberInput that shows euros for a field stored in cents. */
export function euroInputProps(form: AnyForm, path: string) {
  const props = form.getInputProps(path);
  const cents = props.value as number;
  return {
    ...props,
    value: Number.isFinite(cents) ? cents / 100 : '',
    decimalScale: 2,
    fixedDecimalScale: true,
    decimalSeparator: ',',
    suffix: ' €',
    onChange: (v: string | number) => form.setFieldValue(path, Math.round(orNaN(v) * 100)),
  };
}

/** Props for a NumberInput that shows a percentage for a share stored between 0 and 1. */
export function percentInputProps(form: AnyForm, path: string) {
  const props = form.getInputProps(path);
  const share = props.value as number;
  return {
    ...props,
    value: Number.isFinite(share) ? Math.round(share * 1e6) / 1e4 : '',
    decimalScale: 2,
    decimalSeparator: ',',
    suffix: ' %',
    onChange: (v: string | number) => form.setFieldValue(path, Math.round(orNaN(v) * 1e4) / 1e6),
  };
}

/** Props for a plain NumberInput. */
export function plainInputProps(form: AnyForm, path: string) {
  const props = form.getInputProps(path);
  const value = props.value as number;
  return {
    ...props,
    value: Number.isFinite(value) ? value : '',
    onChange: (v: string | number) => form.setFieldValue(path, orNaN(v)),
  };
}
