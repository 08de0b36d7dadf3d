import type { ChannelRates, UnitCostsOf } from '@relance/domain/planning/defaults';
import {
  builtInPlanningSettings,
  type PlanningSettings,
  ratesFor,
  unitCostsFor,
} from '@relance/domain/planning/planning-settings';
import type { Channel } from '@relance/domain/vocabulary';

/**
 * The planning defaults new steps are prefilled with: the workspace's (GET /api/settings/planning), installed by
 * the builder page before it renders, else the built-in French ones. A module-level value rather than a React
 * context because steps are created by plain functions (`newStep`, `withChannel`) called from several components
 * and event handlers; the defaults are workspace-wide and change rarely.
 */
let current: PlanningSettings = builtInPlanningSettings();

export function installPlanningDefaults(settings: PlanningSettings): void {
  current = settings;
}

/** The channel's unit costs a new step starts with (a fresh copy). */
export function unitDefaults<C extends Channel>(channel: C): UnitCostsOf<C> {
  return unitCostsFor(current, channel);
}

/** The channel's expected response and conversion rates a new step starts with. */
export function rateDefaults(channel: Channel): ChannelRates {
  return ratesFor(current, channel);
}
