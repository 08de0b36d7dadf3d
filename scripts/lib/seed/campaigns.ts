import type { Database } from '@relance/db/client';
import { createCampaign } from '@relance/db/queries/campaigns';
import { createSegment } from '@relance/db/queries/segments';
import { campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { segmentDefinitionSchema } from '@relance/domain/segments/definition';
import { starterTemplate } from '@relance/templates/starter-templates/list';
import { compileStepContent } from '@relance/templates/step-content';

const rule = (field: string, operator: string, value?: unknown) => ({
  kind: 'rule',
  field,
  operator,
  ...(value === undefined ? {} : Array.isArray(value) ? { values: value } : { value }),
});

/**
 * The demo's audiences and plans, so that a first visit finds something to open: two saved segments (the former
 * customers worth winning back, the gold customers) and two drafts, the three-step win-back (a letter,
 * an email to non-responders at D+7, a call to its clickers at D+10) with its test plan, and a loyalty SMS.
 * Their messages are compiled here as the API would, so a demo plan is always a sendable one.
 */
export async function seedDemoCampaigns(database: Database, ownerId: string | null): Promise<number> {
  const { db } = database;
  const former = await createSegment(db, {
    name: 'Anciens clients à reconquérir',
    description: 'Clients partis, score de réactivation d’au moins 6, hors acheteurs occasionnels',
    definition: segmentDefinitionSchema.parse({
      kind: 'group',
      combinator: 'and',
      children: [
        rule('winback.formerCustomer', 'is_true'),
        rule('winback.reactivationScore', 'gte', 6),
        rule('winback.occasionalBuyer', 'is_false'),
      ],
    }),
    ownerId,
  });
  const gold = await createSegment(db, {
    name: 'Clients or',
    description: 'Les 20 % de clients qui font le plus de chiffre d’affaires',
    definition: segmentDefinitionSchema.parse({
      kind: 'group',
      combinator: 'and',
      children: [rule('indicators.tier', 'in', ['gold'])],
    }),
    ownerId,
  });

  const winBack = starterTemplate('win-back')!;
  const plans = [
    {
      name: 'Reconquête printemps',
      kind: 'win_back',
      objective: 'sale',
      audience: { type: 'segment', id: former.id },
      averageOrderValueCents: 12_000,
      marginRate: 0.3,
      fixed: { creativeCents: 80_000, setupCents: 20_000 },
      offer: {
        type: 'financial',
        description: '10 % sur votre prochaine commande',
        discount: { kind: 'percent', rate: 0.1 },
        expectedTakeUp: 0.8,
      },
      testPlan: {
        sample: { mode: 'percent', share: 0.2 },
        winnerMetric: 'response_rate',
        rollout: 'manual',
      },
      steps: [
        {
          channel: 'postal',
          offsetDays: 0,
          responseRate: 0.02,
          conversionRate: 0.25,
          content: {
            sender: { name: 'Maison Relance', addressLines: ['12 rue de la République', '69002 Lyon'] },
            place: 'Lyon',
            subject: 'Vous nous manquez',
            hook: '{{civility}} {{lastName}}, votre dernière commande date du {{lastOrderDate}} : et si nous reprenions contact ?',
            body: 'Nous avons changé depuis votre dernière visite, et nous aimerions vous le montrer. Présentez ce courrier ou votre code en boutique, ou rendez-vous sur notre site : {{offer}}.',
          },
        },
        {
          channel: 'email',
          offsetDays: 7,
          target: { type: 'non_responders' },
          responseRate: 0.01,
          conversionRate: 0.1,
          content: { subject: winBack.subject, preheader: winBack.preheader, mjml: winBack.mjml },
        },
        {
          channel: 'phone',
          offsetDays: 10,
          target: { type: 'openers_clickers', step: 2 },
          responseRate: 0.3,
          conversionRate: 0.2,
          content: {
            script:
              'Bonjour {{civility}} {{lastName}}, je vous appelle de la part de Maison Relance. Vous avez regardé notre offre cette semaine : avez-vous des questions ?',
            offer: '{{offer}}, valable jusqu’au {{offerEndDate}}.',
          },
        },
      ],
    },
    {
      name: 'Fidélité clients or — SMS',
      kind: 'retention',
      objective: 'meeting',
      audience: { type: 'segment', id: gold.id },
      averageOrderValueCents: 25_000,
      marginRate: 0.35,
      steps: [
        {
          channel: 'sms',
          offsetDays: 0,
          content: {
            senderName: 'RELANCE',
            text: '{{civility}} {{lastName}}, soirée privée clients or le 12 : réservez votre place sur {{trackingUrl}} STOP au 36180',
          },
        },
      ],
    },
  ];

  for (const input of plans) {
    const plan = campaignInputSchema.parse(input);
    for (const [i, step] of plan.steps.entries()) {
      await compileStepContent(step.channel, step.content, `steps.${i}.content`);
    }
    await createCampaign(db, { plan, ownerId });
  }
  return plans.length;
}
