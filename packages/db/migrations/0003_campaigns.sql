CREATE TYPE "public"."campaign_kind" AS ENUM('acquisition', 'win_back', 'retention');--> statement-breakpoint
CREATE TYPE "public"."campaign_objective" AS ENUM('sale', 'meeting', 'information');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'testing', 'awaiting_rollout', 'running', 'completed', 'paused', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."campaign_resumable_status" AS ENUM('testing', 'running');--> statement-breakpoint
CREATE TABLE "campaign_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"channel" "channel" NOT NULL,
	"offset_days" integer NOT NULL,
	"definition" jsonb NOT NULL,
	CONSTRAINT "campaign_steps_position_key" UNIQUE("campaign_id","position")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "campaign_kind" NOT NULL,
	"objective" "campaign_objective" NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"resume_to" "campaign_resumable_status",
	"plan" jsonb NOT NULL,
	"owner_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_steps" ADD CONSTRAINT "campaign_steps_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status","updated_at");