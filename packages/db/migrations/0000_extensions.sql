-- Extensions and helpers that the schema's generated columns and indexes rely on.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is STABLE because its dictionary could change; naming the dictionary makes the
-- result depend on the input only, so this wrapper can be IMMUTABLE and feed a generated column.
CREATE OR REPLACE FUNCTION relance_search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
