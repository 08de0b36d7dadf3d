/**
 * Benchmark: the board of a campaign with 1,000,000 sends and 5,000,000 events, with the same `campaignBoard` the
 * API answers GET /api/campaigns/:id/board with. A three-step campaign (a letter at D+0 tested A/B on 50,000
 * contacts then rolled out, an email at D+7, an SMS at D+14) is written straight in SQL: its waves, its sends
 * (the status counters are kept by the triggers of migration 0014 as the one INSERT writes them: its time is
 * logged), then 5,000,000 events spread over the sends, and the board's counters built from them by set-based
 * statements equivalent to applySendEvents' (send_outcomes, send_rollup_stripes on all 8 stripes, send_responders,
 * send_return_day_stripes); the board reads them through the views that sum the stripes.
 * Value: the median time of the board over 15 runs, in ms (target < 200 ms).
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { campaignBoard } from '@relance/db/queries/board-view';
import { createCampaign } from '@relance/db/queries/campaigns';
import { campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { resolvePostgresServer } from '../lib/postgres-server';

const SENDS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const EVENTS = SENDS * 5;
const RUNS = 15;
const TARGET_MS = 200;
const log = (line: string) => console.error(`[board] ${line}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

const plan = campaignInputSchema.parse({
  name: 'Board benchmark',
  kind: 'win_back',
  objective: 'sale',
  averageOrderValueCents: 8_000,
  marginRate: 0.35,
  fixed: { creativeCents: 300_000, setupCents: 50_000 },
  offer: { type: 'financial', discount: { kind: 'percent', rate: 0.1 }, expectedTakeUp: 0.6 },
  testPlan: { sample: { mode: 'absolute', size: 50_000 }, winnerMetric: 'response_rate', rollout: 'manual' },
  steps: [
    {
      channel: 'postal',
      offsetDays: 0,
      variants: [
        {
          differsOn: 'incentive',
          offer: { type: 'financial', discount: { kind: 'percent', rate: 0.15 }, expectedTakeUp: 0.6 },
        },
      ],
    },
    { channel: 'email', offsetDays: 7, target: { type: 'non_responders' } },
    { channel: 'sms', offsetDays: 14, target: { type: 'non_responders' } },
  ],
});

async function seed(sql: ReturnType<typeof createDb>['sql'], campaignId: string, steps: string[]) {
  await sql`DROP INDEX contacts_search_idx`;
  await sql`INSERT INTO contacts (kind, last_name) SELECT 'person', 'Client ' || i FROM generate_series(1, ${SENDS}) i`;
  // sends: half the file gets the letter (5 % of them in the test, A/B), 30 % the email, 20 % the SMS
  const letters = Math.round(SENDS * 0.5);
  const emails = Math.round(SENDS * 0.3);
  const test = Math.round(letters * 0.1);
  await sql`
    INSERT INTO send_waves (campaign_id, step_id, phase, variant, channel, due_at, materialised_at, enqueued_at)
    VALUES (${campaignId}, ${steps[0]!}, 'test', 'A', 'postal', now() - interval '40 days', now(), now()),
           (${campaignId}, ${steps[0]!}, 'test', 'B', 'postal', now() - interval '40 days', now(), now()),
           (${campaignId}, ${steps[0]!}, 'rollout', 'A', 'postal', now() - interval '20 days', now(), now()),
           (${campaignId}, ${steps[1]!}, 'rollout', 'A', 'email', now() - interval '13 days', now(), now()),
           (${campaignId}, ${steps[2]!}, 'rollout', 'A', 'sms', now() - interval '6 days', now(), now())`;
  const t = performance.now();
  await sql`
    INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, tracking_code, status,
                       skip_reason, address, finished_at)
    SELECT w.id, w.campaign_id, w.step_id, s.contact_id, w.phase, w.variant, w.channel, 'B' || s.i,
           (CASE WHEN s.i % 50 = 0 THEN 'skipped' WHEN s.i % 97 = 0 THEN 'failed' ELSE 'sent' END)::send_status,
           (CASE WHEN s.i % 50 = 0 THEN 'no_consent' END)::send_skip_reason, 'a' || s.i, now()
      FROM (SELECT i, i AS contact_id,
                   CASE WHEN i <= ${test} THEN 0 WHEN i <= ${letters} THEN 1 WHEN i <= ${letters + emails} THEN 2 ELSE 3 END AS k,
                   CASE WHEN i <= ${test} AND i % 2 = 0 THEN 'B' ELSE 'A' END AS v
              FROM generate_series(1, ${SENDS}) i) s
      JOIN send_waves w ON w.campaign_id = ${campaignId}
       AND w.step_id = (ARRAY[${steps[0]!}, ${steps[0]!}, ${steps[1]!}, ${steps[2]!}]::uuid[])[s.k + 1]
       AND w.phase = (CASE WHEN s.k = 0 THEN 'test' ELSE 'rollout' END)::send_phase AND w.variant::text = s.v`;
  log(
    `${SENDS.toLocaleString('en')} sends written in one INSERT (status counters by trigger) in ${seconds(t)} s`,
  );
  // events: per send, by a hash: delivered (90 %), opened, clicked, bounced or NPAI, responded (4 %), quoted,
  // reminded, sold (1.5 %, 40-200 €); the rest are repeated opens and clicks, up to 5 per send on average
  const e = performance.now();
  await sql`
    INSERT INTO send_events (send_id, kind, source, source_id, amount_cents, occurred_at)
    SELECT s.id, k.kind, 'bench', s.id || ':' || k.n,
           CASE WHEN k.kind = 'sold' THEN 4000 + (s.id * 7919) % 16000 WHEN k.kind = 'quoted' THEN 9000 END,
           w.due_at + ((s.id * 104729) % (25 * 86400)) * interval '1 second' * (k.n + 1) / 6
      FROM sends s JOIN send_waves w ON w.id = s.wave_id
      CROSS JOIN LATERAL (
        SELECT n, (ARRAY['delivered', 'opened', 'clicked', 'opened',
                         CASE WHEN h % 100 < 4 THEN 'responded' WHEN h % 100 < 6 THEN 'bounced' WHEN h % 100 < 7 THEN 'returned' ELSE 'opened' END,
                         CASE WHEN h % 200 < 3 THEN 'sold' WHEN h % 200 < 6 THEN 'quoted' WHEN h % 200 < 8 THEN 'reminded' ELSE 'clicked' END
                        ])[n + 1]::send_event_kind AS kind
          FROM (SELECT abs(hashint8(s.id)) AS h) x, generate_series(0, 5) n
         WHERE n < 4 OR (s.id + n) % 5 <> 0
      ) k
     WHERE s.status = 'sent'
     LIMIT ${EVENTS}`;
  const [{ n }] = (await sql`SELECT count(*)::int AS n FROM send_events`) as unknown as [{ n: number }];
  log(`${n.toLocaleString('en')} events written in ${seconds(e)} s`);
  // the counters, as applySendEvents keeps them, built set-based — every key on all 8 stripes (a send's events on
  // the stripe of its id), the most rows the board's views can have to sum
  const r = performance.now();
  await sql`INSERT INTO send_outcomes (send_id, kind, first_at) SELECT send_id, kind, min(occurred_at) FROM send_events GROUP BY 1, 2`;
  await sql`
    INSERT INTO send_rollup_stripes (campaign_id, step_id, phase, variant, channel, kind, stripe, contacts, events,
                                     amount_cents)
    SELECT s.campaign_id, s.step_id, s.phase, s.variant, s.channel, e.kind, e.send_id % 8, count(DISTINCT e.send_id),
           count(*), coalesce(sum(e.amount_cents), 0)
      FROM send_events e JOIN sends s ON s.id = e.send_id GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  await sql`
    INSERT INTO send_responders (send_id, first_at)
    SELECT send_id, min(first_at) FROM send_outcomes WHERE kind IN ('responded', 'quoted', 'sold') GROUP BY 1`;
  await sql`
    INSERT INTO send_return_day_stripes (campaign_id, step_id, phase, variant, channel, day, stripe, responders)
    SELECT s.campaign_id, s.step_id, s.phase, s.variant, s.channel,
           greatest(0, floor(extract(epoch FROM r.first_at - w.due_at) / 86400))::int, r.send_id % 8, count(*)
      FROM send_responders r JOIN sends s ON s.id = r.send_id JOIN send_waves w ON w.id = s.wave_id
     GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  log(`counters built in ${seconds(r)} s`);
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_board_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 4 });
  try {
    await runMigrations(url);
    const stored = await createCampaign(database.db, { plan, ownerId: null });
    const campaignId = stored.campaign.id;
    await database.sql`INSERT INTO campaign_phases (campaign_id, phase, started_at)
                       VALUES (${campaignId}, 'test', now() - interval '40 days'), (${campaignId}, 'rollout', now() - interval '20 days')`;
    const t = performance.now();
    await seed(
      database.sql,
      campaignId,
      stored.steps.map((s) => s.id),
    );
    await database.sql`VACUUM ANALYZE`;
    log(`seeded and analysed in ${seconds(t)} s`);
    const board = await campaignBoard(database.db, campaignId);
    if (!board || board.totals.sent === 0) throw new Error('the board is empty');
    const [{ sends }] = (await database.sql`SELECT count(*)::int AS sends FROM sends`) as unknown as [
      { sends: number },
    ];
    if (board.totals.sent + board.totals.failed + board.totals.skipped !== sends) {
      throw new Error(`the counters (${JSON.stringify(board.totals)}) do not add up to the ${sends} sends`);
    }
    log(
      `board: ${board.totals.sent.toLocaleString('en')} sent, ${board.totals.responses.toLocaleString('en')} responses, ${board.totals.sales.toLocaleString('en')} sales, revenue ${(board.totals.revenueCents / 100).toLocaleString('en')} €, ROI ${board.totals.roi?.toFixed(2)}, ${board.lines.length} waves, ${board.returns.alerts.length} behind alerts`,
    );
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await campaignBoard(database.db, campaignId);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    log(`board: median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${RUNS} runs`);
    console.log(
      JSON.stringify({
        name: 'board',
        value: Number(median.toFixed(1)),
        unit: 'ms',
        target: TARGET_MS,
        ok: median < TARGET_MS,
      }),
    );
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP) await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
