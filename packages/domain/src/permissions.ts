import type { Role } from './vocabulary';

/**
 * Who may do what. The API enforces this table on every route; the web app reads the same table
 * to show only what a role can use. Change it here and both follow.
 */
export const PERMISSIONS = {
  'contacts:read': ['admin', 'manager', 'marketer', 'telemarketer'],
  'contacts:write': ['admin', 'marketer'],
  'contacts:import': ['admin', 'marketer'],
  'contacts:export': ['admin', 'manager', 'marketer'],
  'orders:import': ['admin', 'marketer'],
  'campaigns:read': ['admin', 'manager', 'marketer', 'telemarketer'],
  'campaigns:write': ['admin', 'marketer'],
  'segments:read': ['admin', 'manager', 'marketer', 'telemarketer'],
  'segments:write': ['admin', 'marketer'],
  'interactions:write': ['admin', 'manager', 'marketer', 'telemarketer'],
  'consents:write': ['admin', 'marketer', 'telemarketer'],
  'settings:manage': ['admin', 'manager'],
  /** the whole win-back alert feed, not only the alerts on one's own accounts */
  'alerts:all': ['admin', 'manager'],
  'users:manage': ['admin'],
  'api-keys:manage': ['admin'],
  /** telemarketing: take tasks with "next", see the call screen, record call outcomes */
  'calls:work': ['admin', 'manager', 'telemarketer'],
  /** telemarketing: create a callback task by hand */
  'calls:create': ['admin', 'manager', 'marketer', 'telemarketer'],
  /** telemarketing: the managers' figures (queues, agents, outcomes), queue members, feeding the queues now */
  'calls:manage': ['admin', 'manager'],
  /** follow-ups: move cards on a campaign's board, schedule and make reminders, edit notes */
  'follow-ups:work': ['admin', 'manager', 'marketer', 'telemarketer'],
  /** follow-ups: everyone's reminders in the due list, not only one's own */
  'follow-ups:all': ['admin', 'manager'],
  /** type or scan a tracking or coupon code to record a response, a quote or a sale (every staff role) */
  'codes:redeem': ['admin', 'manager', 'marketer', 'telemarketer'],
  /** report sales from a website or a CRM (conversion API, with an API key of one of these roles) */
  'conversions:report': ['admin', 'manager', 'marketer'],
  /** record returned letters (NPAI) by scan or by the mail house's file: suppresses postal addresses */
  'returned-mail:record': ['admin', 'manager', 'marketer'],
  /** the follow-up board: a campaign's figures, costs and ROI, its returns against the plan, the portfolio */
  'board:read': ['admin', 'manager', 'marketer'],
  /** surveys: their questionnaires, waves and results */
  'surveys:read': ['admin', 'manager', 'marketer'],
  /** surveys: build questionnaires, open and close waves, run the survey moments */
  'surveys:write': ['admin', 'marketer'],
  /** the queue dashboard (jobs of every queue: retry, clean, pause) */
  'queues:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
