-- The board's send counts grouped by the counters' key only (step, phase, variant, status, reason), as their
-- ON CONFLICT is: grouped by the channel and the campaign too, a statement whose sends of one key carry two
-- channels (an UPDATE that changes a send's channel: its old row counted −1 under the old channel, its new row
-- +1 under the new one) gave two rows of the same key, and PostgreSQL refused the whole statement ("ON CONFLICT
-- DO UPDATE command cannot affect row a second time"). The channel and the campaign are labels of the key's row
-- (a step has one campaign and one channel): its first insert sets them. Same lock order as before (by key).
CREATE OR REPLACE FUNCTION send_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO send_status_counts AS c (campaign_id, step_id, phase, variant, channel, status, reason, sends)
    SELECT (array_agg(campaign_id))[1], step_id, phase, variant, min(channel), status, reason, count(*)
      FROM (SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, '') AS reason
              FROM new_sends) d
     GROUP BY step_id, phase, variant, status, reason ORDER BY step_id, phase, variant, status, reason
    ON CONFLICT (step_id, phase, variant, status, reason) DO UPDATE SET sends = c.sends + excluded.sends;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO send_status_counts AS c (campaign_id, step_id, phase, variant, channel, status, reason, sends)
    SELECT (array_agg(campaign_id))[1], step_id, phase, variant, min(channel), status, reason, -count(*)
      FROM (SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, '') AS reason
              FROM old_sends) d
     GROUP BY step_id, phase, variant, status, reason ORDER BY step_id, phase, variant, status, reason
    ON CONFLICT (step_id, phase, variant, status, reason) DO UPDATE SET sends = c.sends + excluded.sends;
  ELSE
    INSERT INTO send_status_counts AS c (campaign_id, step_id, phase, variant, channel, status, reason, sends)
    SELECT (array_agg(campaign_id))[1], step_id, phase, variant, min(channel), status, reason, sum(n)
      FROM (SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, '') AS reason,
                   1 AS n FROM new_sends
            UNION ALL
            SELECT campaign_id, step_id, phase, variant, channel, status, coalesce(skip_reason::text, ''), -1
              FROM old_sends) d
     GROUP BY step_id, phase, variant, status, reason HAVING sum(n) <> 0
     ORDER BY step_id, phase, variant, status, reason
    ON CONFLICT (step_id, phase, variant, status, reason) DO UPDATE SET sends = c.sends + excluded.sends;
  END IF;
  RETURN NULL;
END $$;
