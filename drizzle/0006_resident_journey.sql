ALTER TABLE "locations" ADD COLUMN "names" jsonb;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "status_before_cancel" "registration_status";