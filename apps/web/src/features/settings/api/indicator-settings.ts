import { type IndicatorSettings, indicatorSettingsSchema } from '@relance/domain/indicators';
import { api } from '../../../lib/api-client';

export function getIndicatorSettings(signal?: AbortSignal) {
  return api('/api/settings/indicators', indicatorSettingsSchema, { signal });
}

export function saveIndicatorSettings(body: IndicatorSettings) {
  return api('/api/settings/indicators', indicatorSettingsSchema, { method: 'PUT', body });
}
