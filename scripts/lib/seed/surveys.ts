import type { Database } from '@relance/db/client';
import { createSurvey, createWave } from '@relance/db/queries/surveys';
import { surveyTemplate } from '@relance/domain/surveys/survey-templates';

/** The demo answer link that is still open (README "Surveys"): PUBLIC_URL/s/<this token>. */
export const DEMO_SURVEY_TOKEN = 'ca703826e596723bb0d7534189df1ede';

/**
 * The demo satisfaction survey (the trade's template): a spring wave, closed a month ago, with 40 answers of 50
 * customers invited, and an autumn wave still open with 12 answers of 31 invited so far (prices judged better since) —
 * so that the results, the comparison of waves and the importance × satisfaction chart show on `pnpm start`.
 * The open wave also holds the invitation DEMO_SURVEY_TOKEN, not yet answered. Answers are picked from each
 * contact's id (deterministic), written set-based. Answers the number of answers written.
 */
export async function seedDemoSurveys(database: Database, marketerId: string | null): Promise<number> {
  const survey = await createSurvey(database.db, {
    name: 'Satisfaction clients',
    purpose: 'satisfaction',
    definition: surveyTemplate('satisfaction'),
    createdBy: marketerId,
  });
  const wave = (name: string) =>
    createWave(database.db, survey.id, { source: 'manual', name, closesAt: null, createdBy: marketerId });
  const spring = await wave('Printemps');
  const autumn = await wave('Automne');
  await database.sql`
    UPDATE survey_waves SET opens_at = now() - interval '75 days', closed_at = now() - interval '30 days'
     WHERE id = ${spring.id}`;
  await database.sql`UPDATE survey_waves SET opens_at = now() - interval '10 days' WHERE id = ${autumn.id}`;

  // customers with an order, by id: the first 50 asked in spring, the next 30 in autumn
  await database.sql`
    WITH customers AS (
      SELECT c.id, row_number() OVER (ORDER BY c.id) AS n FROM contacts c
       WHERE c.external_id LIKE 'DEMO-%' AND c.kind = 'person' AND c.email IS NOT NULL
         AND EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = c.id)
       ORDER BY c.id LIMIT 81)
    INSERT INTO survey_invitations (wave_id, contact_id, token, channel, created_at)
    SELECT CASE WHEN n <= 50 THEN ${spring.id}::uuid ELSE ${autumn.id}::uuid END, id,
           CASE WHEN n = 81 THEN ${DEMO_SURVEY_TOKEN} ELSE replace(gen_random_uuid()::text, '-', '') END,
           'email', CASE WHEN n <= 50 THEN now() - interval '74 days' ELSE now() - interval '9 days' END
      FROM customers`;

  // spring: 40 of 50 answer; autumn: 12 of 30 (never the demo token's invitation); price better in autumn
  const rows = await database.sql<{ n: number }[]>`
    WITH asked AS (
      SELECT i.id, i.wave_id, i.contact_id, row_number() OVER (PARTITION BY i.wave_id ORDER BY i.contact_id) AS k,
             i.wave_id = ${autumn.id}::uuid AS later
        FROM survey_invitations i WHERE i.wave_id IN (${spring.id}::uuid, ${autumn.id}::uuid)
          AND i.token <> ${DEMO_SURVEY_TOKEN}),
    picked AS (
      SELECT a.*, ((a.contact_id * 7 + k) % 10)::int AS r FROM asked a
       WHERE (NOT a.later AND a.k <= 40) OR (a.later AND a.k <= 12)),
    answers AS (
      SELECT p.*, jsonb_build_object(
        'customer_kind', CASE WHEN r = 9 THEN 'business' ELSE 'private' END,
        'overall', (ARRAY[2, 3, 3, 4, 3, 4, 2, 3, 4, 1])[r + 1],
        'price_importance', (ARRAY[4, 4, 3, 4, 3, 4, 4, 3, 4, 2])[r + 1],
        'price_level', CASE WHEN later THEN (ARRAY[3, 3, 2, 4, 3, 3, 2, 3, 4, 2])[r + 1]
                            ELSE (ARRAY[2, 1, 2, 3, 2, 2, 1, 3, 2, 1])[r + 1] END,
        'price_clarity', CASE WHEN r = 4 THEN to_jsonb('dont_know'::text)
                              ELSE to_jsonb((ARRAY[2, 3, 2, 3, 2, 3, 2, 3, 3, 1])[r + 1]) END,
        'delays_importance', (ARRAY[3, 2, 3, 3, 2, 4, 3, 2, 3, 3])[r + 1],
        'delivery_time', (ARRAY[3, 4, 4, 4, 3, 4, 3, 4, 4, 2])[r + 1],
        'promises_kept', (ARRAY[3, 4, 3, 4, 4, 4, 3, 3, 4, 2])[r + 1],
        'support_importance', (ARRAY[2, 2, 3, 2, 1, 3, 2, 2, 3, 4])[r + 1],
        'support_reach', (ARRAY[3, 4, 4, 4, 3, 4, 3, 4, 4, 1])[r + 1],
        'problem_solving', (ARRAY[3, 3, 4, 4, 4, 4, 2, 4, 4, 1])[r + 1],
        'frequency', (ARRAY['monthly', 'quarterly', 'quarterly', 'yearly', 'monthly'])[r % 5 + 1],
        'buy_again', (ARRAY[2, 3, 4, 4, 3, 4, 2, 3, 4, 1])[r + 1],
        'recommend', (ARRAY[5, 8, 9, 10, 7, 9, 4, 8, 10, 1])[r + 1]
      ) || CASE WHEN r IN (0, 6, 9) OR k % 6 = 0 THEN jsonb_build_object('comment',
             (ARRAY['Des prix un peu élevés par rapport à la concurrence.',
                    'Livraison rapide, merci !',
                    'Les tarifs ne sont pas toujours clairs sur les devis.',
                    'Très bon accueil au téléphone.',
                    'Difficile de joindre le service client le samedi.',
                    'Rien à redire.'])[(contact_id % 6) + 1]) ELSE '{}'::jsonb END AS answers
        FROM picked p)
    INSERT INTO survey_answers (wave_id, invitation_id, contact_id, answers, low, via, locale, submitted_at)
    SELECT wave_id, id, contact_id, answers,
           (answers->>'overall')::int <= 2 OR (answers->>'recommend')::int <= 4, 'web', 'fr',
           CASE WHEN later THEN now() - interval '8 days' + k * interval '3 hours'
                ELSE now() - interval '70 days' + k * interval '20 hours' END
      FROM answers
    RETURNING 1 AS n`;
  return rows.length;
}
