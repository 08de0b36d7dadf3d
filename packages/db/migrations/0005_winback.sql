CREATE TYPE "public"."former_exit" AS ENUM('ordered_again', 'rule_no_longer_met');--> statement-breakpoint
CREATE TYPE "public"."former_reason" AS ENUM('no_order', 'spend_drop');--> statement-breakpoint
CREATE TYPE "public"."lost_reason" AS ENUM('price', 'quality', 'service', 'competitor', 'moved', 'business_closed', 'no_need', 'other');--> statement-breakpoint
CREATE TYPE "public"."occasional_reason" AS ENUM('single_order', 'promo_only', 'affiliate_only');--> statement-breakpoint
CREATE TYPE "public"."winback_alert_kind" AS ENUM('anniversary_missed', 'trend_down', 'complaints_up', 'became_former');--> statement-breakpoint
CREATE TYPE "public"."winback_exclusion" AS ENUM('moved_out_of_area', 'too_demanding', 'competitor_promotion');--> statement-breakpoint
CREATE TABLE "churn_models" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "churn_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"horizon_months" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"intercept" double precision,
	"features" jsonb,
	"auc" double precision,
	"train_count" integer NOT NULL,
	"train_left" integer NOT NULL,
	"test_count" integer,
	"test_left" integer
);
--> statement-breakpoint
CREATE TABLE "contact_winback" (
	"contact_id" bigint PRIMARY KEY NOT NULL,
	"former_since" timestamp with time zone,
	"former_reason" "former_reason",
	"occasional_reasons" "occasional_reason"[] DEFAULT '{}' NOT NULL,
	"signals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"promo_share" real NOT NULL,
	"reactivation_score" real,
	"churn_probability" real,
	"churn_features" double precision[],
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "former_customers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "former_customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"reason" "former_reason" NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"exit" "former_exit",
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lost_reasons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lost_reasons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"reason" "lost_reason" NOT NULL,
	"competitor" text,
	"exclusion" "winback_exclusion",
	"note" text,
	"lost_at" timestamp with time zone NOT NULL,
	"user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reactivation_hand_scores" (
	"contact_id" bigint NOT NULL,
	"criterion" text NOT NULL,
	"score" real NOT NULL,
	"user_id" uuid,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reactivation_hand_scores_contact_id_criterion_pk" PRIMARY KEY("contact_id","criterion"),
	CONSTRAINT "reactivation_hand_scores_range" CHECK ("reactivation_hand_scores"."score" >= 0 AND "reactivation_hand_scores"."score" <= 10)
);
--> statement-breakpoint
CREATE TABLE "winback_alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "winback_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contact_id" bigint NOT NULL,
	"kind" "winback_alert_kind" NOT NULL,
	"evidence" jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "contact_winback" ADD CONSTRAINT "contact_winback_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "former_customers" ADD CONSTRAINT "former_customers_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lost_reasons" ADD CONSTRAINT "lost_reasons_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lost_reasons" ADD CONSTRAINT "lost_reasons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactivation_hand_scores" ADD CONSTRAINT "reactivation_hand_scores_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactivation_hand_scores" ADD CONSTRAINT "reactivation_hand_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "winback_alerts" ADD CONSTRAINT "winback_alerts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "winback_alerts" ADD CONSTRAINT "winback_alerts_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "churn_models_trained_idx" ON "churn_models" USING btree ("trained_at");--> statement-breakpoint
CREATE INDEX "contact_winback_candidates_idx" ON "contact_winback" USING btree ("reactivation_score" DESC NULLS LAST,"contact_id") WHERE "contact_winback"."former_since" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contact_winback_churn_idx" ON "contact_winback" USING btree ("churn_probability" DESC NULLS LAST,"contact_id") WHERE "contact_winback"."churn_probability" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "former_customers_open_key" ON "former_customers" USING btree ("contact_id") WHERE "former_customers"."left_at" IS NULL;--> statement-breakpoint
CREATE INDEX "former_customers_contact_idx" ON "former_customers" USING btree ("contact_id","entered_at");--> statement-breakpoint
CREATE INDEX "former_customers_entered_idx" ON "former_customers" USING btree ("entered_at");--> statement-breakpoint
CREATE INDEX "lost_reasons_contact_idx" ON "lost_reasons" USING btree ("contact_id","id");--> statement-breakpoint
CREATE INDEX "lost_reasons_lost_at_idx" ON "lost_reasons" USING btree ("lost_at");--> statement-breakpoint
CREATE INDEX "winback_alerts_open_idx" ON "winback_alerts" USING btree ("id") WHERE "winback_alerts"."dismissed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "winback_alerts_contact_idx" ON "winback_alerts" USING btree ("contact_id");