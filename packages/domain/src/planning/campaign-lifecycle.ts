import { z } from 'zod';
import { AppError } from '../errors';
import { assertNever } from '../vocabulary';

/**
 * A campaign's life: draft → testing → awaiting_rollout → running → completed, plus paused and cancelled.
 * A campaign may also roll out straight from draft (no test). Only a campaign that is sending (testing or
 * running) can be paused; paused remembers which of the two it resumes to. completed and cancelled are final.
 */
export const CAMPAIGN_STATUSES = [
  'draft',
  'testing',
  'awaiting_rollout',
  'running',
  'completed',
  'paused',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_EVENTS = [
  'launch_test',
  'test_done',
  'rollout',
  'complete',
  'pause',
  'resume',
  'cancel',
] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

/** The statuses a paused campaign can resume to. */
export const RESUMABLE_STATUSES = ['testing', 'running'] as const;
export type ResumableStatus = (typeof RESUMABLE_STATUSES)[number];

export const campaignStateSchema = z.discriminatedUnion(
  'status',
  [
    z.object({
      status: z.enum(['draft', 'testing', 'awaiting_rollout', 'running', 'completed', 'cancelled']),
    }),
    z.object({
      status: z.literal('paused'),
      resumeTo: z.enum(RESUMABLE_STATUSES, { error: 'A paused campaign resumes to testing or running' }),
    }),
  ],
  { error: 'Unknown campaign status' },
);
export type CampaignState = z.output<typeof campaignStateSchema>;

export const campaignEventSchema = z.enum(CAMPAIGN_EVENTS, {
  error: `Unknown event: use one of ${CAMPAIGN_EVENTS.join(', ')}`,
});

export type TransitionResult = { ok: true; state: CampaignState } | { ok: false; reason: string };

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
const to = (state: CampaignState): TransitionResult => ({ ok: true, state });

const LABEL: Record<CampaignStatus, string> = {
  draft: 'a draft',
  testing: 'in test',
  awaiting_rollout: 'awaiting rollout',
  running: 'running',
  completed: 'completed',
  paused: 'paused',
  cancelled: 'cancelled',
};

/** The state after `event`, or the reason it is refused in this state. */
export function transition(from: CampaignState, event: CampaignEvent): TransitionResult {
  const status = from.status;
  if (status === 'completed' || status === 'cancelled') {
    return refuse(`The campaign is ${LABEL[status]}: it can no longer change.`);
  }
  switch (event) {
    case 'launch_test':
      return status === 'draft'
        ? to({ status: 'testing' })
        : refuse(`Only a draft can start a test; this campaign is ${LABEL[status]}.`);
    case 'test_done':
      return status === 'testing'
        ? to({ status: 'awaiting_rollout' })
        : refuse(`Only a campaign in test can finish its test; this one is ${LABEL[status]}.`);
    case 'rollout':
      return status === 'awaiting_rollout' || status === 'draft'
        ? to({ status: 'running' })
        : refuse(
            `Only a draft or a campaign awaiting rollout can be rolled out; this one is ${LABEL[status]}.`,
          );
    case 'complete':
      return status === 'running'
        ? to({ status: 'completed' })
        : refuse(`Only a running campaign can be completed; this one is ${LABEL[status]}.`);
    case 'pause':
      return status === 'testing' || status === 'running'
        ? to({ status: 'paused', resumeTo: status })
        : refuse(
            `Only a campaign that is sending (in test or running) can be paused; this one is ${LABEL[status]}.`,
          );
    case 'resume':
      return from.status === 'paused'
        ? to({ status: from.resumeTo })
        : refuse(`Only a paused campaign can be resumed; this one is ${LABEL[status]}.`);
    case 'cancel':
      return to({ status: 'cancelled' });
    default:
      return assertNever(event, 'campaign event');
  }
}

/** The events allowed in this state (the buttons to show). */
export function allowedEvents(from: CampaignState): CampaignEvent[] {
  return CAMPAIGN_EVENTS.filter((event) => transition(from, event).ok);
}

/** Whether some event takes a campaign in `from` to the status `to`. */
export function canTransition(from: CampaignState, to: CampaignStatus): boolean {
  return CAMPAIGN_EVENTS.some((event) => {
    const result = transition(from, event);
    return result.ok && result.state.status === to;
  });
}

/** `transition`, throwing `AppError` conflict (409) with the reason when the event is refused. */
export function applyTransition(from: CampaignState, event: CampaignEvent): CampaignState {
  const result = transition(from, event);
  if (!result.ok) throw new AppError('conflict', result.reason);
  return result.state;
}
