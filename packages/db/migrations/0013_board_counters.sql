CREATE TABLE "send_responders" (
	"send_id" bigint PRIMARY KEY NOT NULL,
	"first_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_return_days" (
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"phase" "send_phase" NOT NULL,
	"variant" "variant_label" NOT NULL,
	"channel" "channel" NOT NULL,
	"day" integer NOT NULL,
	"responders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "send_return_days_step_id_phase_variant_day_pk" PRIMARY KEY("step_id","phase","variant","day")
);
--> statement-breakpoint
CREATE TABLE "send_status_counts" (
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"phase" "send_phase" NOT NULL,
	"variant" "variant_label" NOT NULL,
	"channel" "channel" NOT NULL,
	"status" "send_status" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"sends" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "send_status_counts_step_id_phase_variant_status_reason_pk" PRIMARY KEY("step_id","phase","variant","status","reason")
);
--> statement-breakpoint
ALTER TABLE "send_responders" ADD CONSTRAINT "send_responders_send_id_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."sends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "send_return_days_campaign_idx" ON "send_return_days" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "send_status_counts_campaign_idx" ON "send_status_counts" USING btree ("campaign_id");