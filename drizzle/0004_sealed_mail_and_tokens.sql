-- Personal data out of plain sight: outbox messages and token data are sealed from now on. Plain
-- outbox rows are sealed by the boot (src/lib/server/mail/seal-legacy.ts). An e-mail change still
-- waiting for its link (15 minutes at most) loses its new address: the person asks again.
ALTER TABLE "mail_outbox" ALTER COLUMN "to" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "subject" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "html" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD COLUMN "sealed_data" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "sealed_message" text;--> statement-breakpoint
ALTER TABLE "user_tokens" DROP COLUMN "data";