-- Webhook payloads (a SendGrid post is ~250 kB of JSON) compressed with lz4 rather than pglz, PostgreSQL's default:
-- on this machine pglz took ~3.5 ms per payload on the webhook's INSERT, lz4 ~0.6 ms (JSON check included), and
-- reading it back in the worker decompresses faster too. Values already kept stay as they are; drizzle does not
-- model a column's compression, so the snapshot is unchanged. Only where the server was built with lz4 (Debian's
-- and the official images are; the embedded PostgreSQL of `pnpm start` is not): elsewhere pglz stays.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "inbound_batches" ALTER COLUMN "payload" SET COMPRESSION lz4;
  END IF;
END
$$;
