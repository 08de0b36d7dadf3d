import { z } from 'zod';

// the answers are declared once, in @relance/domain/api/redemptions (the web app parses them too)

export const lookupBody = z.object({
  code: z
    .string({ error: 'Type or scan the code' })
    .trim()
    .min(1, { error: 'Type or scan the code' })
    .max(500),
});

export const returnedMailBody = z.object({
  codes: z
    .array(z.string().max(500), { error: 'Send the codes as a list' })
    .min(1, { error: 'Send at least one code' })
    .max(1000, { error: 'At most 1,000 codes at once: upload a file for more' }),
});
