-- The board's send counts (send_status_counts), kept by statement-level triggers on sends with transition tables:
-- one grouped upsert per statement that writes, inserts or deletes sends (never one per row), and no write at all
-- when a statement changes no status (marking sends handed, recording a provider id). Keys are locked in a fixed
-- order (step, phase, variant, status, reason) so that concurrent batches do not deadlock.
CREATE FUNCTION send_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO send_status_counts AS c (campaign_id, step_id, phase, variant, channel, status, reason, sends)
    SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, ''), count(*)
      FROM new_sends GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 3, 4, 6, 7
    ON CONFLICT (step_id, phase, variant, status, reason) DO UPDATE SET sends = c.sends + excluded.sends;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO send_status_counts AS c (campaign_id, step_id, phase, variant, channel, status, reason, sends)
    SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, ''), -count(*)
      FROM old_sends GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 2, 3, 4, 6, 7
    ON CONFLICT (step_id, phase, variant, status, reason) DO UPDATE SET sends = c.sends + excluded.sends;
  ELSE
    INSERT INTO send_status_counts AS c (campaign_id, step_id, phase, variant, channel, status, reason, sends)
    SELECT campaign_id, step_id, phase, variant, channel, status, reason, sum(n)
      FROM (SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, '') AS reason,
                   1 AS n FROM new_sends
            UNION ALL
            SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, ''), -1
              FROM old_sends) d
     GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(n) <> 0 ORDER BY 2, 3, 4, 6, 7
    ON CONFLICT (step_id, phase, variant, status, reason) DO UPDATE SET sends = c.sends + excluded.sends;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sends_status_counts_insert AFTER INSERT ON sends
  REFERENCING NEW TABLE AS new_sends FOR EACH STATEMENT EXECUTE FUNCTION send_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER sends_status_counts_update AFTER UPDATE ON sends
  REFERENCING OLD TABLE AS old_sends NEW TABLE AS new_sends FOR EACH STATEMENT EXECUTE FUNCTION send_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER sends_status_counts_delete AFTER DELETE ON sends
  REFERENCING OLD TABLE AS old_sends FOR EACH STATEMENT EXECUTE FUNCTION send_status_counts_apply();
--> statement-breakpoint
-- the sends already written, counted once
INSERT INTO send_status_counts (campaign_id, step_id, phase, variant, channel, status, reason, sends)
SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, ''), count(*)
  FROM sends GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
-- the responders already recorded, and their day since the wave was due
INSERT INTO send_responders (send_id, first_at)
SELECT send_id, min(first_at) FROM send_outcomes WHERE kind::text IN ('responded', 'quoted', 'sold') GROUP BY send_id;
--> statement-breakpoint
INSERT INTO send_return_days (campaign_id, step_id, phase, variant, channel, day, responders)
SELECT s.campaign_id, s.step_id, s.phase, s.variant, s.channel,
       greatest(0, floor(extract(epoch FROM r.first_at - coalesce(w.due_at, s.created_at)) / 86400))::int, count(*)
  FROM send_responders r JOIN sends s ON s.id = r.send_id LEFT JOIN send_waves w ON w.id = s.wave_id
 GROUP BY 1, 2, 3, 4, 5, 6;
