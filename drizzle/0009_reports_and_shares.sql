CREATE TYPE "public"."confirmation_method" AS ENUM('link', 'code', 'phone');--> statement-breakpoint
CREATE TYPE "public"."contact_person" AS ENUM('resident', 'partner');--> statement-breakpoint
CREATE TYPE "public"."partner_consent_method" AS ENUM('in_person', 'phone');--> statement-breakpoint
CREATE TYPE "public"."report_approval" AS ENUM('resident', 'phone');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('draft', 'with_resident', 'change_requested', 'approved');--> statement-breakpoint
CREATE TYPE "public"."share_relation" AS ENUM('naaste', 'huisarts', 'buurtcoach', 'ggz', 'anders');--> statement-breakpoint
CREATE TYPE "public"."share_scope" AS ENUM('whole', 'next_steps');--> statement-breakpoint
ALTER TYPE "public"."registration_status" ADD VALUE 'awaiting_confirmation' BEFORE 'received';--> statement-breakpoint
CREATE TABLE "registration_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"token_hash" text,
	"code_hash" text NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_confirmations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "report_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"sealed_recipient" text NOT NULL,
	"relation" "share_relation" NOT NULL,
	"scope" "share_scope" NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"code_failures" integer DEFAULT 0 NOT NULL,
	"notify_first_open" boolean DEFAULT false NOT NULL,
	"first_opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_shares_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sealed_content" text NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_via" "report_approval" NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "report_versions_report_version_key" UNIQUE("report_id","version")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"status" "report_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sealed_content" text NOT NULL,
	"sealed_addition" text,
	"sealed_change_request" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_conversation_id_unique" UNIQUE("conversation_id")
);
--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "confirmation_reminder_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "confirmation_delete_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "contact_email_hash" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "contact_phone_hash" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_consent_method" "partner_consent_method";--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_consent_version" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "contact_person" "contact_person" DEFAULT 'resident' NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_informed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_access_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "confirmation_method" "confirmation_method";--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "confirmed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "partner_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signup_drafts" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "registration_confirmations" ADD CONSTRAINT "registration_confirmations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_shares" ADD CONSTRAINT "report_shares_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_shares" ADD CONSTRAINT "report_shares_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_confirmations_registration_idx" ON "registration_confirmations" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "report_shares_resident_idx" ON "report_shares" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_registration_idx" ON "reports" USING btree ("registration_id");--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_partner_id_users_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_drafts" ADD CONSTRAINT "signup_drafts_partner_id_users_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registrations_partner_idx" ON "registrations" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "registrations_contact_email_idx" ON "registrations" USING btree ("region_id","contact_email_hash");--> statement-breakpoint
CREATE INDEX "registrations_contact_phone_idx" ON "registrations" USING btree ("region_id","contact_phone_hash");--> statement-breakpoint
CREATE INDEX "registrations_unconfirmed_idx" ON "registrations" USING btree ("created_at") WHERE "registrations"."source" = 'partner' and "registrations"."confirmed_at" is null;