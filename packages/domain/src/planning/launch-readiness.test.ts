import { describe, expect, it } from 'vitest';
import { launchProblems } from './launch-readiness';

const ready = {
  steps: [
    { channel: 'postal', content: { body: 'Bonjour' } },
    { channel: 'email', content: { subject: 'Hello' } },
  ],
  testPlan: { sample: { mode: 'percent', share: 0.1 } },
  audienceSize: 1000,
};

describe('launchProblems', () => {
  it('lets a complete plan launch its test or roll out', () => {
    expect(launchProblems('launch_test', 'draft', ready)).toEqual([]);
    expect(launchProblems('rollout', 'draft', ready)).toEqual([]);
  });

  it('names every step without content, an empty audience and a missing test plan', () => {
    const problems = launchProblems('launch_test', 'draft', {
      steps: [{ channel: 'postal', content: { body: 'x' } }, { channel: 'email' }],
      audienceSize: 0,
    });
    expect(problems.map((p) => p.field)).toEqual(['audience', 'steps.1.content', 'testPlan']);
    expect(problems[1]!.message).toContain('Step 2 (email)');
  });

  it('rolls out from the draft without a test plan, but never without content', () => {
    const { testPlan: _t, ...noTest } = ready;
    expect(launchProblems('rollout', 'draft', noTest)).toEqual([]);
    expect(launchProblems('rollout', 'draft', { ...noTest, steps: [{ channel: 'sms' }] })).toHaveLength(1);
  });

  it('asks nothing of the events that do not start sending', () => {
    const empty = { steps: [{ channel: 'sms' }], audienceSize: 0 };
    for (const event of ['pause', 'resume', 'cancel', 'complete', 'test_done'] as const) {
      expect(launchProblems(event, 'running', empty)).toEqual([]);
    }
    // the rollout after a test: the plan was checked when the test was launched
    expect(launchProblems('rollout', 'awaiting_rollout', empty)).toEqual([]);
  });
});
