import { getIndicatorSettings, saveIndicatorSettings } from '@relance/db/queries/indicators';
import { getPlanningSettings, savePlanningSettings } from '@relance/db/queries/planning-settings';
import { indicatorSettingsSchema } from '@relance/domain/indicators';
import { planningSettingsSchema } from '@relance/domain/planning/planning-settings';
import { enqueueIndicatorsAfterSettings } from '@relance/jobs/enqueue';
import type { AppDeps } from '../../deps';
import type { ApiRegistry } from '../../http/registry';

export function settingsRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;

  api.add(
    {
      method: 'get',
      path: '/api/settings/indicators',
      summary: 'How customer indicators are computed (tiers, trend window, complaint window)',
      tag: 'settings',
      access: 'contacts:read',
      response: indicatorSettingsSchema,
    },
    () => getIndicatorSettings(db),
  );

  api.add(
    {
      method: 'put',
      path: '/api/settings/indicators',
      summary: 'Change how customer indicators are computed; they are recomputed at once',
      tag: 'settings',
      access: 'settings:manage',
      body: indicatorSettingsSchema,
      response: indicatorSettingsSchema,
    },
    async ({ body }) => {
      const saved = await saveIndicatorSettings(db, body);
      await enqueueIndicatorsAfterSettings(deps.queues);
      return saved;
    },
  );

  // planning defaults: everyone who plans or reads campaigns sees them (the builder prefills new steps with them)
  api.add(
    {
      method: 'get',
      path: '/api/settings/planning',
      summary:
        'Planning defaults: unit costs per channel, postage table, returns, expected rates, offer warning rules',
      tag: 'settings',
      access: 'campaigns:read',
      response: planningSettingsSchema,
    },
    () => getPlanningSettings(db),
  );

  api.add(
    {
      method: 'put',
      path: '/api/settings/planning',
      summary:
        'Replace the planning defaults (a key left out takes the built-in value); saved campaigns keep their figures',
      tag: 'settings',
      access: 'settings:manage',
      body: planningSettingsSchema,
      response: planningSettingsSchema,
    },
    ({ body }) => savePlanningSettings(db, body),
  );
}
