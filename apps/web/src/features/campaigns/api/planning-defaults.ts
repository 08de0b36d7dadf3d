import { planningSettingsSchema } from '@relance/domain/planning/planning-settings';
import { api } from '../../../lib/api-client';

/** The workspace's planning defaults (readable by whoever reads campaigns): new steps are prefilled with them. */
export function getPlanningDefaults(signal?: AbortSignal) {
  return api('/api/settings/planning', planningSettingsSchema, { signal });
}
