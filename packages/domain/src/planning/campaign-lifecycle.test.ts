import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  allowedEvents,
  applyTransition,
  type CampaignState,
  campaignStateSchema,
  canTransition,
  transition,
} from './campaign-lifecycle';

const s = (status: Exclude<CampaignState['status'], 'paused'>): CampaignState => ({ status });

describe('campaign lifecycle', () => {
  it('follows the happy path draft → testing → awaiting_rollout → running → completed', () => {
    let state = s('draft');
    for (const event of ['launch_test', 'test_done', 'rollout', 'complete'] as const) {
      state = applyTransition(state, event);
    }
    expect(state).toEqual({ status: 'completed' });
  });

  it('rolls out a draft directly when there is no test', () => {
    expect(transition(s('draft'), 'rollout')).toEqual({ ok: true, state: { status: 'running' } });
  });

  it('remembers where a paused campaign resumes to', () => {
    const pausedInTest = applyTransition(s('testing'), 'pause');
    expect(pausedInTest).toEqual({ status: 'paused', resumeTo: 'testing' });
    expect(applyTransition(pausedInTest, 'resume')).toEqual({ status: 'testing' });
    const pausedRunning = applyTransition(s('running'), 'pause');
    expect(applyTransition(pausedRunning, 'resume')).toEqual({ status: 'running' });
    expect(canTransition(pausedRunning, 'running')).toBe(true);
    expect(canTransition(pausedRunning, 'testing')).toBe(false);
  });

  it('refuses with a reason', () => {
    expect(transition(s('draft'), 'complete')).toEqual({
      ok: false,
      reason: 'Only a running campaign can be completed; this one is a draft.',
    });
    expect(transition(s('awaiting_rollout'), 'pause')).toMatchObject({ ok: false });
    expect(transition(s('running'), 'resume')).toEqual({
      ok: false,
      reason: 'Only a paused campaign can be resumed; this one is running.',
    });
    expect(transition(s('completed'), 'cancel')).toEqual({
      ok: false,
      reason: 'The campaign is completed: it can no longer change.',
    });
  });

  it('cancels from any state that is not final', () => {
    for (const state of [
      s('draft'),
      s('testing'),
      s('awaiting_rollout'),
      s('running'),
      { status: 'paused', resumeTo: 'running' } as const,
    ]) {
      expect(canTransition(state, 'cancelled')).toBe(true);
    }
    expect(canTransition(s('cancelled'), 'cancelled')).toBe(false);
  });

  it('lists the allowed events', () => {
    expect(allowedEvents(s('draft'))).toEqual(['launch_test', 'rollout', 'cancel']);
    expect(allowedEvents(s('testing'))).toEqual(['test_done', 'pause', 'cancel']);
    expect(allowedEvents(s('running'))).toEqual(['complete', 'pause', 'cancel']);
    expect(allowedEvents(s('completed'))).toEqual([]);
  });

  it('throws a 409 AppError when refused', () => {
    try {
      applyTransition(s('draft'), 'test_done');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
    }
  });

  it('validates stored states', () => {
    expect(campaignStateSchema.safeParse({ status: 'paused' }).success).toBe(false);
    expect(campaignStateSchema.safeParse({ status: 'paused', resumeTo: 'draft' }).success).toBe(false);
    expect(campaignStateSchema.parse({ status: 'paused', resumeTo: 'running' })).toEqual({
      status: 'paused',
      resumeTo: 'running',
    });
  });
});
