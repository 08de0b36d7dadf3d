CREATE TYPE "public"."follow_up_move_kind" AS ENUM('quote', 'sale', 'lost', 'remind', 'reopen');--> statement-breakpoint
CREATE TYPE "public"."follow_up_stage" AS ENUM('response', 'quote', 'sale', 'lost');--> statement-breakpoint
CREATE TABLE "follow_up_moves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_up_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"follow_up_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"kind" "follow_up_move_kind" NOT NULL,
	"from_stage" "follow_up_stage" NOT NULL,
	"to_stage" "follow_up_stage" NOT NULL,
	"amount_cents" bigint,
	"lost_reason" "lost_reason",
	"competitor" text,
	"note" text,
	"user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_up_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"follow_up_id" bigint NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"note" text,
	"automatic" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"cancelled_at" timestamp with time zone,
	"overdue_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_ups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"send_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"channel" "channel" NOT NULL,
	"stage" "follow_up_stage" NOT NULL,
	"quote_cents" bigint,
	"sale_cents" bigint,
	"lost_reason" "lost_reason",
	"competitor" text,
	"owner_id" uuid,
	"next_reminder_at" timestamp with time zone,
	"reminders" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"stage_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_send_key" UNIQUE("send_id")
);
--> statement-breakpoint
ALTER TABLE "follow_up_moves" ADD CONSTRAINT "follow_up_moves_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_moves" ADD CONSTRAINT "follow_up_moves_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_reminders" ADD CONSTRAINT "follow_up_reminders_follow_up_id_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."follow_ups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_reminders" ADD CONSTRAINT "follow_up_reminders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_reminders" ADD CONSTRAINT "follow_up_reminders_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_send_id_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."sends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_moves_follow_up_idx" ON "follow_up_moves" USING btree ("follow_up_id","id");--> statement-breakpoint
CREATE INDEX "follow_up_moves_contact_idx" ON "follow_up_moves" USING btree ("contact_id","at");--> statement-breakpoint
CREATE INDEX "follow_up_reminders_follow_up_idx" ON "follow_up_reminders" USING btree ("follow_up_id");--> statement-breakpoint
CREATE INDEX "follow_up_reminders_pending_idx" ON "follow_up_reminders" USING btree ("due_at","id") WHERE done_at IS NULL AND cancelled_at IS NULL;--> statement-breakpoint
CREATE INDEX "follow_ups_board_idx" ON "follow_ups" USING btree ("campaign_id","stage","id");--> statement-breakpoint
CREATE INDEX "follow_ups_contact_idx" ON "follow_ups" USING btree ("contact_id");