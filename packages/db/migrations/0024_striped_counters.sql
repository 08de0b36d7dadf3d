-- The hot board counters striped. Every webhook batch adds to the same few counter rows (one step, its variants,
-- its kinds), so concurrent intake transactions queued on them and recorded close to one at a time. Each key now
-- has up to 8 rows (`stripe`: applySendEvents adds to its transaction id modulo 8), so that concurrent transactions
-- add to different rows. The tables are renamed *_stripes (only applySendEvents writes them) and the old names are
-- views that sum a key's stripes, so that every reader (the board, the follow-ups, reports, tests) sees one exact row
-- per key as before. The rows already there become stripe 0.
ALTER TABLE "send_rollups" RENAME TO "send_rollup_stripes";--> statement-breakpoint
ALTER TABLE "send_rollup_stripes" ADD COLUMN "stripe" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "send_rollup_stripes" DROP CONSTRAINT "send_rollups_step_id_phase_variant_kind_pk";--> statement-breakpoint
ALTER TABLE "send_rollup_stripes" ADD CONSTRAINT "send_rollup_stripes_step_id_phase_variant_kind_stripe_pk" PRIMARY KEY("step_id","phase","variant","kind","stripe");--> statement-breakpoint
ALTER INDEX "send_rollups_campaign_idx" RENAME TO "send_rollup_stripes_campaign_idx";--> statement-breakpoint
ALTER TABLE "send_return_days" RENAME TO "send_return_day_stripes";--> statement-breakpoint
ALTER TABLE "send_return_day_stripes" ADD COLUMN "stripe" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "send_return_day_stripes" DROP CONSTRAINT "send_return_days_step_id_phase_variant_day_pk";--> statement-breakpoint
ALTER TABLE "send_return_day_stripes" ADD CONSTRAINT "send_return_day_stripes_step_id_phase_variant_day_stripe_pk" PRIMARY KEY("step_id","phase","variant","day","stripe");--> statement-breakpoint
ALTER INDEX "send_return_days_campaign_idx" RENAME TO "send_return_day_stripes_campaign_idx";--> statement-breakpoint
CREATE VIEW "public"."send_return_days" AS (SELECT campaign_id, step_id, phase, variant, min(channel) AS channel, day, sum(responders)::int AS responders
  FROM send_return_day_stripes GROUP BY campaign_id, step_id, phase, variant, day);--> statement-breakpoint
CREATE VIEW "public"."send_rollups" AS (SELECT campaign_id, step_id, phase, variant, min(channel) AS channel, kind, sum(contacts)::int AS contacts,
  sum(events)::int AS events, sum(amount_cents)::bigint AS amount_cents, max(updated_at) AS updated_at
  FROM send_rollup_stripes GROUP BY campaign_id, step_id, phase, variant, kind);
