CREATE TYPE "public"."place_kind" AS ENUM('home', 'catalogue', 'walk', 'other');--> statement-breakpoint
CREATE TYPE "public"."registration_source" AS ENUM('resident', 'partner');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('received', 'contacted', 'planned', 'held', 'report_ready', 'cancelled');--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"region_id" uuid NOT NULL,
	"resident_id" uuid,
	"source" "registration_source" DEFAULT 'resident' NOT NULL,
	"status" "registration_status" DEFAULT 'received' NOT NULL,
	"sealed_details" text NOT NULL,
	"birth_year" integer NOT NULL,
	"postcode_area" text NOT NULL,
	"place_kind" "place_kind" NOT NULL,
	"location_id" uuid,
	"availability" jsonb NOT NULL,
	"language" text NOT NULL,
	"interpreter" boolean DEFAULT false NOT NULL,
	"with_naaste" boolean DEFAULT false NOT NULL,
	"consent_version" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"first_contact_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"call_me_after_cancel" boolean DEFAULT false NOT NULL,
	"draft_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_reference_unique" UNIQUE("reference"),
	CONSTRAINT "registrations_draft_id_unique" UNIQUE("draft_id")
);
--> statement-breakpoint
CREATE TABLE "signup_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"sealed_answers" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registrations_queue_idx" ON "registrations" USING btree ("region_id","status","created_at");--> statement-breakpoint
CREATE INDEX "registrations_resident_idx" ON "registrations" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "signup_drafts_expires_idx" ON "signup_drafts" USING btree ("expires_at");