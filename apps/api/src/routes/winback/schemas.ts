import { WINBACK_VIEWS } from '@relance/domain/winback/views';
import { z } from 'zod';

// the answers are declared once, in @relance/domain/api/winback (the web app parses them too)

const limit = z.coerce
  .number()
  .int()
  .min(1, { error: 'At least 1' })
  .max(200, { error: 'At most 200' })
  .default(50);
const cursor = z.string().max(500).optional();

export const formerQuery = z.object({
  view: z.enum(WINBACK_VIEWS, { error: `One of ${WINBACK_VIEWS.join(', ')}` }).default('candidates'),
  limit,
  cursor,
});
export const alertsQuery = z.object({
  scope: z.enum(['mine', 'all'], { error: 'mine or all' }).default('mine'),
  dismissed: z
    .enum(['true', 'false'], { error: 'true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  limit,
  cursor,
});
export const alertParams = z.object({ id: z.coerce.number().int().positive({ error: 'Not an alert id' }) });
export const barometerQuery = z.object({
  months: z.coerce
    .number()
    .int()
    .min(1, { error: 'At least 1 month' })
    .max(60, { error: 'At most 60 months' })
    .default(12),
});
