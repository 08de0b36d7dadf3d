CREATE TYPE "public"."call_outcome" AS ENUM('no_answer', 'voicemail', 'wrong_number', 'callback', 'interested', 'sale', 'not_interested', 'lost', 'do_not_call');--> statement-breakpoint
CREATE TYPE "public"."callback_queue_kind" AS ENUM('team', 'campaign');--> statement-breakpoint
CREATE TYPE "public"."callback_task_source" AS ENUM('phone_step', 'voice_answered', 'hot_prospect', 'quote_reminder', 'warning_signal', 'churn_risk', 'cancellation', 'winback', 'manual');--> statement-breakpoint
CREATE TYPE "public"."callback_task_status" AS ENUM('open', 'done', 'cancelled');--> statement-breakpoint
CREATE TABLE "call_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "call_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"contact_id" bigint NOT NULL,
	"send_id" bigint,
	"campaign_id" uuid,
	"queue_id" uuid NOT NULL,
	"agent_id" uuid,
	"outcome" "call_outcome" NOT NULL,
	"amount_cents" bigint,
	"reason" text,
	"lost_reason" text,
	"competitor" text,
	"note" text,
	"next_call_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_contact_locks" (
	"contact_id" bigint PRIMARY KEY NOT NULL,
	"task_id" bigint NOT NULL,
	"agent_id" uuid NOT NULL,
	"locked_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_queues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" "callback_queue_kind" NOT NULL,
	"name" text NOT NULL,
	"campaign_id" uuid,
	"agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callback_queues_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "callback_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "callback_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"queue_id" uuid NOT NULL,
	"contact_id" bigint NOT NULL,
	"source" "callback_task_source" NOT NULL,
	"source_key" text NOT NULL,
	"send_id" bigint,
	"campaign_id" uuid,
	"step_id" uuid,
	"phone" text,
	"reason" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "callback_task_status" DEFAULT 'open' NOT NULL,
	"assigned_to" uuid,
	"locked_by" uuid,
	"locked_until" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"calls" integer DEFAULT 0 NOT NULL,
	"last_outcome" "call_outcome",
	"last_called_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "callback_tasks_source_key" UNIQUE("source","source_key")
);
--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_task_id_callback_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."callback_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_contact_locks" ADD CONSTRAINT "callback_contact_locks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_queues" ADD CONSTRAINT "callback_queues_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_queue_id_callback_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."callback_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_attempts_contact_idx" ON "call_attempts" USING btree ("contact_id","created_at");--> statement-breakpoint
CREATE INDEX "call_attempts_agent_idx" ON "call_attempts" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "call_attempts_created_idx" ON "call_attempts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "callback_tasks_send_key" ON "callback_tasks" USING btree ("send_id") WHERE "callback_tasks"."source" = 'phone_step';--> statement-breakpoint
CREATE INDEX "callback_tasks_open_idx" ON "callback_tasks" USING btree ("queue_id","priority" DESC NULLS LAST,"due_at","id") WHERE "callback_tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "callback_tasks_contact_idx" ON "callback_tasks" USING btree ("contact_id","status");