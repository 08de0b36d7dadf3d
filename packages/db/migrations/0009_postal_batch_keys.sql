DROP INDEX "postal_batches_reference_key";--> statement-breakpoint
ALTER TABLE "postal_batches" ADD COLUMN "idempotency_key" text NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "postal_batches_idempotency_key" ON "postal_batches" USING btree ("idempotency_key");