import type { UseFormReturnType } from '@mantine/form';
import { euroInputProps, percentInputProps, plainInputProps } from '../../../lib/number-input-props';
import type { PlanValues } from './plan-values';

export type PlanForm = UseFormReturnType<PlanValues>;

/** Props for a NumberInput that shows euros for a field stored in cents. */
export const euroProps = (form: PlanForm, path: string) => euroInputProps(form, path);

/** Props for a NumberInput that shows a percentage for a share stored between 0 and 1. */
export const percentProps = (form: PlanForm, path: string) => percentInputProps(form, path);

/** Props for a plain NumberInput (an emptied field becomes NaN, which the schema refuses). */
export const numberProps = (form: PlanForm, path: string) => plainInputProps(form, path);
