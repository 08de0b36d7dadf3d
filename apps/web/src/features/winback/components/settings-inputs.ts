import type { UseFormReturnType } from '@mantine/form';
import type { WinbackSettings } from '@relance/domain/winback/settings';

export type WinbackForm = UseFormReturnType<WinbackSettings>;

const num = (v: string | number) => (typeof v === 'number' ? v : Number.parseFloat(v.replace(',', '.')));
const orNaN = (v: string | number) => (Number.isFinite(num(v)) ? num(v) : Number.NaN);

/**
 * NumberInput props for the win-back settings. No min or max: Mantine would silently clamp a wrong figure on
 * blur, where the domain's schema says what is wrong next to the field. An emptied field becomes NaN, refused.
 */
export function numberInput(form: WinbackForm, path: string, scale: 'plain' | 'percent' | 'euro' = 'plain') {
  const props = form.getInputProps(path);
  const stored = props.value as number;
  const factor = scale === 'percent' ? 100 : scale === 'euro' ? 0.01 : 1;
  return {
    ...props,
    value: Number.isFinite(stored) ? Math.round(stored * factor * 1e4) / 1e4 : '',
    decimalSeparator: ',',
    suffix: scale === 'percent' ? ' %' : scale === 'euro' ? ' €' : undefined,
    onChange: (v: string | number) => form.setFieldValue(path, (orNaN(v) / factor) as never),
  };
}
