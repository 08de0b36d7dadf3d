import type { UseFormReturnType } from '@mantine/form';
import type { PlanningSettings } from '@relance/domain/planning/planning-settings';
import { euroInputProps, percentInputProps, plainInputProps } from '../../../lib/number-input-props';

export type PlanningSettingsForm = UseFormReturnType<PlanningSettings>;

/**
 * Props for the settings' NumberInputs. They set no min or max: Mantine would silently clamp a negative or absurd
 * figure on blur, where the schema says what is wrong next to the field.
 */

/** A NumberInput in euros for a field stored in cents (an emptied field becomes NaN, which the schema refuses). */
export const euroInput = (form: PlanningSettingsForm, path: string) => euroInputProps(form, path);

/** A NumberInput in percent for a share stored between 0 and 1. */
export const percentInput = (form: PlanningSettingsForm, path: string) => percentInputProps(form, path);

/** A plain NumberInput. */
export const numberInput = (form: PlanningSettingsForm, path: string) => ({
  ...plainInputProps(form, path),
  decimalSeparator: ',',
});
