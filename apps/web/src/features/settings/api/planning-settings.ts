import { type PlanningSettings, planningSettingsSchema } from '@relance/domain/planning/planning-settings';
import { api } from '../../../lib/api-client';

export function getPlanningSettings(signal?: AbortSignal) {
  return api('/api/settings/planning', planningSettingsSchema, { signal });
}

export function savePlanningSettings(body: PlanningSettings) {
  return api('/api/settings/planning', planningSettingsSchema, { method: 'PUT', body });
}
