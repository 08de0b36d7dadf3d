import {
  alertPage,
  type Barometer,
  barometerAnswer,
  type ChurnModelAnswer,
  type FormerCustomer,
  formerPage,
  modelAnswer,
  type WinbackAlert,
} from '@relance/domain/api/winback';
import { type WinbackSettings, winbackSettingsSchema } from '@relance/domain/winback/settings';
import { WINBACK_VIEWS, type WinbackView } from '@relance/domain/winback/views';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export type { Barometer, ChurnModelAnswer, FormerCustomer, WinbackAlert, WinbackView };
export { WINBACK_VIEWS };

export function listFormer(view: WinbackView, cursor: string | null, signal?: AbortSignal) {
  return api('/api/winback/former', formerPage, { query: { view, cursor, limit: 50 }, signal });
}

export function listAlerts(
  scope: 'mine' | 'all',
  dismissed: boolean,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api('/api/winback/alerts', alertPage, { query: { scope, dismissed, cursor }, signal });
}

export function dismissAlert(id: number) {
  return api(`/api/winback/alerts/${id}/dismiss`, null, { method: 'POST' });
}

export function getModel(signal?: AbortSignal) {
  return api('/api/winback/model', modelAnswer, { signal });
}

export function getBarometer(months: number, signal?: AbortSignal) {
  return api('/api/winback/barometer', barometerAnswer, { query: { months }, signal });
}

export function getWinbackSettings(signal?: AbortSignal) {
  return api('/api/settings/winback', winbackSettingsSchema, { signal });
}

/** The saved segments an inactivity rule may be scoped to (names only). */
export function listSegmentNames(signal?: AbortSignal) {
  return api(
    '/api/segments',
    z.object({ items: z.array(z.object({ id: z.string(), name: z.string() }).loose()) }),
    { signal },
  );
}

export function saveWinbackSettings(body: WinbackSettings) {
  return api('/api/settings/winback', winbackSettingsSchema, { method: 'PUT', body });
}
