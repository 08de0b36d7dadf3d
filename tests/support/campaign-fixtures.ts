import type { CampaignInput } from '@relance/domain/planning/campaign-input';

// The three-step campaign: a letter to everyone, an email to non-responders at D+7, a call to the email's
// clickers at D+10.
export const threeSteps = {
  name: 'Reconquête printemps',
  kind: 'win_back',
  objective: 'sale',
  averageOrderValueCents: 12_000,
  marginRate: 0.3,
  steps: [
    { channel: 'postal', offsetDays: 0, responseRate: 0.02, conversionRate: 0.25 },
    {
      channel: 'email',
      offsetDays: 7,
      target: { type: 'non_responders' },
      responseRate: 0.01,
      conversionRate: 0.1,
    },
    {
      channel: 'phone',
      offsetDays: 10,
      target: { type: 'openers_clickers', step: 2 },
      responseRate: 0.3,
      conversionRate: 0.2,
    },
  ],
} satisfies CampaignInput;
