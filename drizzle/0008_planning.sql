CREATE TYPE "public"."duo_rule" AS ENUM('warn', 'block');--> statement-breakpoint
CREATE TYPE "public"."confirmed_via" AS ENUM('resident', 'phone');--> statement-breakpoint
CREATE TYPE "public"."conversation_status" AS ENUM('proposed', 'confirmed', 'held', 'no_show', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."naaste_answer" AS ENUM('yes', 'no');--> statement-breakpoint
CREATE TYPE "public"."planning_request_kind" AS ENUM('other_moment', 'move', 'follow_up');--> statement-breakpoint
CREATE TYPE "public"."reminder_recipient" AS ENUM('resident', 'naaste');--> statement-breakpoint
CREATE TYPE "public"."offer_kind" AS ENUM('recovery_college', 'e_community', 'recovery_group', 'peer_support', 'debt_help', 'wmo', 'ggz', 'other');--> statement-breakpoint
CREATE TABLE "contact_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"author_id" uuid,
	"sealed_note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_duo" (
	"conversation_id" uuid NOT NULL,
	"team_member_id" uuid NOT NULL,
	CONSTRAINT "conversation_duo_conversation_id_team_member_id_pk" PRIMARY KEY("conversation_id","team_member_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"chosen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_reminders" (
	"conversation_id" uuid NOT NULL,
	"recipient" "reminder_recipient" NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "conversation_reminders_conversation_id_recipient_pk" PRIMARY KEY("conversation_id","recipient")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"status" "conversation_status" DEFAULT 'proposed' NOT NULL,
	"starts_at" timestamp with time zone,
	"duration_minutes" integer NOT NULL,
	"place_kind" "place_kind" NOT NULL,
	"location_id" uuid,
	"confirmed_via" "confirmed_via",
	"confirmed_at" timestamp with time zone,
	"outcome_at" timestamp with time zone,
	"outcome_by" uuid,
	"cancelled_at" timestamp with time zone,
	"planned_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "naaste_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"answer" "naaste_answer",
	"answered_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "naaste_invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "planning_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"conversation_id" uuid,
	"kind" "planning_request_kind" NOT NULL,
	"sealed_message" text,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_up_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"kind" "offer_kind" NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"url" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "default_duration_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "reminder_lead_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "retention_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "close_after_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "duo_rule" "duo_rule" DEFAULT 'warn' NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "travel_buffer_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "counts_as_ggz" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "languages" text[] DEFAULT '{"nl"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "working_days" text[] DEFAULT '{"ma","di","wo","do","vr"}' NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "first_conversation_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "planning_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_notes" ADD CONSTRAINT "contact_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_duo" ADD CONSTRAINT "conversation_duo_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_duo" ADD CONSTRAINT "conversation_duo_team_member_id_team_members_id_fk" FOREIGN KEY ("team_member_id") REFERENCES "public"."team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_proposals" ADD CONSTRAINT "conversation_proposals_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_reminders" ADD CONSTRAINT "conversation_reminders_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_planned_by_users_id_fk" FOREIGN KEY ("planned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "naaste_invitations" ADD CONSTRAINT "naaste_invitations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_events" ADD CONSTRAINT "planning_events_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_requests" ADD CONSTRAINT "planning_requests_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning_requests" ADD CONSTRAINT "planning_requests_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_offers" ADD CONSTRAINT "follow_up_offers_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_notes_registration_idx" ON "contact_notes" USING btree ("registration_id","at");--> statement-breakpoint
CREATE INDEX "conversation_duo_member_idx" ON "conversation_duo" USING btree ("team_member_id");--> statement-breakpoint
CREATE INDEX "conversation_proposals_conversation_idx" ON "conversation_proposals" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "conversation_reminders_due_idx" ON "conversation_reminders" USING btree ("due_at") WHERE "conversation_reminders"."sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_registration_sequence_idx" ON "conversations" USING btree ("registration_id","sequence");--> statement-breakpoint
CREATE INDEX "conversations_confirmed_starts_idx" ON "conversations" USING btree ("region_id","starts_at") WHERE "conversations"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "naaste_invitations_conversation_idx" ON "naaste_invitations" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "planning_events_registration_idx" ON "planning_events" USING btree ("registration_id","version");--> statement-breakpoint
CREATE INDEX "planning_requests_open_idx" ON "planning_requests" USING btree ("registration_id") WHERE "planning_requests"."handled_at" is null;--> statement-breakpoint
CREATE INDEX "follow_up_offers_region_idx" ON "follow_up_offers" USING btree ("region_id","active","sort_order");--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registrations_first_conversation_idx" ON "registrations" USING btree ("region_id","created_at") WHERE "registrations"."first_conversation_at" is not null;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_unique" UNIQUE("user_id");