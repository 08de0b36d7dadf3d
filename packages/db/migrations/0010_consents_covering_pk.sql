-- The consents primary key carries the status: segment rules on consents and the reach per channel read a
-- contact's consents from the index alone (an index-only scan instead of a heap visit per contact; measured on
-- 1,000,000 contacts: a three-rule segment with an email-consent rule 496 ms -> 290 ms). No extra index to
-- maintain on import; ON CONFLICT (contact_id, channel) still infers it (INCLUDE columns are not part of the key).
ALTER TABLE "consents" DROP CONSTRAINT "consents_contact_id_channel_pk";--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_contact_id_channel_pk" PRIMARY KEY ("contact_id", "channel") INCLUDE ("status");
