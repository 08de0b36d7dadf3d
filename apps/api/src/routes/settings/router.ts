import { getIndicatorSettings, saveIndicatorSettings } from '@relance/db/queries/indicators';
import { indicatorSettingsSchema } from '@relance/domain/indicators';
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
}
