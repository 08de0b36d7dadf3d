import type { FieldError } from '../errors';
import type { CampaignEvent } from './campaign-lifecycle';

/** What a launch looks at: the plan's steps and test plan, and how many contacts the audience has now. */
export interface LaunchCandidate {
  steps: readonly { channel: string; content?: unknown }[];
  testPlan?: unknown;
  audienceSize: number;
}

/**
 * What stops a campaign from starting to send, as field errors the builder shows next to the right field.
 * Launching the test needs a test plan; rolling out straight from the draft does not. Both need contacts in
 * the audience and the content of every step (the dispatch engine renders it for each contact). Other events
 * (pause, resume, cancel...) have no prerequisite beyond the lifecycle itself.
 */
export function launchProblems(event: CampaignEvent, from: string, c: LaunchCandidate): FieldError[] {
  const starts = event === 'launch_test' || (event === 'rollout' && from === 'draft');
  if (!starts) return [];
  const problems: FieldError[] = [];
  if (c.audienceSize === 0) {
    problems.push({ field: 'audience', message: 'The audience has no contacts: choose another audience' });
  }
  c.steps.forEach((step, i) => {
    if (step.content === undefined || step.content === null) {
      problems.push({
        field: `steps.${i}.content`,
        message: `Step ${i + 1} (${step.channel}) has no content yet: write it before sending`,
      });
    }
  });
  if (event === 'launch_test' && !c.testPlan) {
    problems.push({
      field: 'testPlan',
      message: 'Set a test plan (sample size and winner metric) to launch a test, or roll out to everyone',
    });
  }
  return problems;
}
