import { z } from 'zod';

// the answers are declared once, in @relance/domain/api/follow-ups (the web app parses them too)

export const followUpParams = z.object({
  id: z.coerce.number().int().positive({ error: 'Not a follow-up id' }),
});
export const campaignParams = z.object({ id: z.uuid({ error: 'Not a campaign id' }) });
export const dueQuery = z.object({
  scope: z.enum(['mine', 'all'], { error: 'mine or all' }).default('mine'),
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'At least 1' })
    .max(200, { error: 'At most 200' })
    .default(50),
  cursor: z.string().max(300).optional(),
});
export const scopeQuery = z.object({
  scope: z.enum(['mine', 'all'], { error: 'mine or all' }).default('mine'),
});
