-- send_outcomes loses its foreign key to sends. Its rows are written only by applySendEvents, from the events it has
-- just inserted into send_events in the same statement, whose own foreign key has checked each send and locked it
-- (FOR KEY SHARE) until the commit: the second check, one per row, was about a sixth of applySendEvents' time in
-- PostgreSQL, for nothing. What the foreign key also did, removing a deleted send's outcomes, statement-level
-- triggers on sends do now (one set-based DELETE per statement, TRUNCATE with TRUNCATE).
ALTER TABLE "send_outcomes" DROP CONSTRAINT "send_outcomes_send_id_sends_id_fk";--> statement-breakpoint
CREATE FUNCTION send_outcomes_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE send_outcomes;
  ELSE
    DELETE FROM send_outcomes o USING old_sends d WHERE o.send_id = d.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sends_outcomes_delete AFTER DELETE ON sends
  REFERENCING OLD TABLE AS old_sends FOR EACH STATEMENT EXECUTE FUNCTION send_outcomes_cascade();
--> statement-breakpoint
CREATE TRIGGER sends_outcomes_truncate AFTER TRUNCATE ON sends
  FOR EACH STATEMENT EXECUTE FUNCTION send_outcomes_cascade();
