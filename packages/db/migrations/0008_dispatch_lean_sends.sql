ALTER TABLE "sends" DROP CONSTRAINT "sends_wave_id_send_waves_id_fk";
--> statement-breakpoint
DROP INDEX "sends_wave_idx";