import { ROLES } from '@relance/domain/vocabulary';
import type { TFunction } from 'i18next';

export const roleOptions = (t: TFunction) => ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
