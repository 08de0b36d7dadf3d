import { segmentDefinitionSchema } from '@relance/domain/segments/definition';
import { CHANNELS } from '@relance/domain/vocabulary';
import { z } from 'zod';

export const definitionBody = z.object({
  definition: segmentDefinitionSchema.meta({
    id: 'SegmentDefinition',
    description:
      'The top group: {kind:"group", combinator:"and"|"or", not?, children:[rule or group]}; a rule is {kind:"rule", field, operator, value | values | days, windowDays?, campaignId?}. Fields and their operators: GET /api/segments/fields.',
  }),
});

export const segmentBody = definitionBody.extend({
  name: z.string({ error: 'Name the segment' }).trim().min(1, { error: 'Name the segment' }).max(200),
  description: z.string().trim().max(2000).nullish(),
});

export const replaceBody = segmentBody.extend({
  version: z.number({ error: 'Send the version you loaded' }).int().positive(),
});

export const idParams = z.object({ id: z.uuid({ error: 'Not a segment id' }) });

const reachable = z.object(
  Object.fromEntries(CHANNELS.map((c) => [c, z.number()])) as Record<(typeof CHANNELS)[number], z.ZodNumber>,
);

export const countBody = definitionBody.extend({
  /** false: the count alone, a fraction of the time (the builder asks for it first, then for the reach) */
  reach: z.boolean().default(true),
});

export const countAnswer = z
  .object({ count: z.number(), reachable: reachable.nullable() })
  .meta({ id: 'SegmentCount' });

export const previewAnswer = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      companyName: z.string().nullable(),
      email: z.string().nullable(),
      mobile: z.string().nullable(),
      postalCode: z.string().nullable(),
      city: z.string().nullable(),
      tags: z.array(z.string()),
      tier: z.string().nullable(),
      lastOrderAt: z.string().nullable(),
      revenueCents: z.number().nullable(),
    }),
  ),
});

export const fieldsAnswer = z.object({
  items: z.array(
    z
      .object({
        key: z.string(),
        labelKey: z.string(),
        category: z.string(),
        type: z.string(),
        operators: z.array(z.string()),
        options: z.array(z.string()).optional(),
        optionLabelPrefix: z.string().optional(),
        unit: z.string().optional(),
        defaultWindowDays: z.number().optional(),
        unavailable: z.string().optional(),
      })
      .meta({ id: 'SegmentField' }),
  ),
  limits: z.object({ maxListValues: z.number(), maxDepth: z.number(), maxRules: z.number() }),
});

export const segmentAnswer = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    definition: z.object({}).loose(),
    ownerId: z.string().nullable(),
    version: z.number(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Segment' });
