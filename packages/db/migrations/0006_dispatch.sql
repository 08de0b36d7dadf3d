CREATE TYPE "public"."send_event_kind" AS ENUM('delivered', 'opened', 'clicked', 'responded', 'sold', 'bounced');--> statement-breakpoint
CREATE TYPE "public"."send_phase" AS ENUM('test', 'rollout');--> statement-breakpoint
CREATE TYPE "public"."send_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped', 'unknown', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."send_skip_reason" AS ENUM('no_consent', 'suppressed', 'no_address', 'excluded');--> statement-breakpoint
CREATE TYPE "public"."variant_label" AS ENUM('A', 'B', 'C');--> statement-breakpoint
CREATE TABLE "campaign_phases" (
	"campaign_id" uuid NOT NULL,
	"phase" "send_phase" NOT NULL,
	"variant" "variant_label",
	"started_at" timestamp with time zone NOT NULL,
	"requested_size" integer,
	"members" integer,
	"materialised_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"reading" jsonb,
	"read_at" timestamp with time zone,
	"launched_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_phases_campaign_id_phase_pk" PRIMARY KEY("campaign_id","phase")
);
--> statement-breakpoint
CREATE TABLE "postal_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"letters" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"manifest" text NOT NULL,
	"provider_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "send_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"send_id" bigint NOT NULL,
	"kind" "send_event_kind" NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"amount_cents" bigint,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "send_events_source_key" UNIQUE("source","source_id")
);
--> statement-breakpoint
CREATE TABLE "send_waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"phase" "send_phase" NOT NULL,
	"variant" "variant_label" NOT NULL,
	"channel" "channel" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"materialised_at" timestamp with time zone,
	"enqueued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "send_waves_step_phase_variant_key" UNIQUE("step_id","phase","variant")
);
--> statement-breakpoint
CREATE TABLE "sends" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sends_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"wave_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"contact_id" bigint NOT NULL,
	"phase" "send_phase" NOT NULL,
	"variant" "variant_label" NOT NULL,
	"channel" "channel" NOT NULL,
	"tracking_code" text,
	"status" "send_status" DEFAULT 'pending' NOT NULL,
	"skip_reason" "send_skip_reason",
	"address" text,
	"provider_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claim_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"handed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "sends_step_contact_key" UNIQUE("step_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "campaign_phases" ADD CONSTRAINT "campaign_phases_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_phases" ADD CONSTRAINT "campaign_phases_launched_by_users_id_fk" FOREIGN KEY ("launched_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_batches" ADD CONSTRAINT "postal_batches_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_events" ADD CONSTRAINT "send_events_send_id_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."sends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_waves" ADD CONSTRAINT "send_waves_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_waves" ADD CONSTRAINT "send_waves_step_id_campaign_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."campaign_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sends" ADD CONSTRAINT "sends_wave_id_send_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."send_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sends" ADD CONSTRAINT "sends_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "postal_batches_reference_key" ON "postal_batches" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "postal_batches_campaign_idx" ON "postal_batches" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "send_events_send_idx" ON "send_events" USING btree ("send_id","kind");--> statement-breakpoint
CREATE INDEX "send_waves_campaign_idx" ON "send_waves" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sends_tracking_code_key" ON "sends" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "sends_wave_idx" ON "sends" USING btree ("wave_id","id");--> statement-breakpoint
CREATE INDEX "sends_contact_idx" ON "sends" USING btree ("contact_id");--> statement-breakpoint
-- Every send is updated twice (claimed, then sent): room on its page keeps those updates HOT (no index touched).
ALTER TABLE "sends" SET (fillfactor = 70);
