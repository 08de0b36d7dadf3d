/** The starter templates offered when a user creates an email: pick one, then edit it. */

import type { StarterTemplate } from './layout';
import { openDays } from './open-days';
import { quoteFollowUp } from './quote-follow-up';
import { winBack } from './win-back';

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [winBack, openDays, quoteFollowUp];

export function starterTemplate(id: string): StarterTemplate | undefined {
  return STARTER_TEMPLATES.find((t) => t.id === id);
}
