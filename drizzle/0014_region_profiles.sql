CREATE TYPE "public"."report_form" AS ENUM('four_questions', 'advies', 'plan');--> statement-breakpoint
ALTER TYPE "public"."location_kind" ADD VALUE 'recovery';--> statement-breakpoint
ALTER TYPE "public"."discipline" ADD VALUE 'social_worker';--> statement-breakpoint
ALTER TYPE "public"."discipline" ADD VALUE 'gp';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'referrer';--> statement-breakpoint
ALTER TABLE "regions" ALTER COLUMN "min_age" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ALTER COLUMN "max_age" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "profile" jsonb DEFAULT '{"preset":"doetinchem","accessMode":"open","planningMode":"resident_picks","places":["home","walk","other","stadskamer","recovery","library","community_centre","gp_practice","ggz","online"],"maxFollowUps":2,"duoRequirement":"not_only_ggz","reportForm":"four_questions","referrerFeedback":"resident_shares","afterContact":"duo","naasteMode":"own_initiative"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "profile" jsonb;--> statement-breakpoint
-- Sign-ups from before region profiles ran under Doetinchem's rules (the only way of working then).
UPDATE "registrations" r SET "profile" = jsonb_build_object('preset', 'doetinchem', 'via', CASE WHEN r."source" = 'partner' THEN 'partner' ELSE 'open' END, 'planningMode', 'resident_picks', 'maxFollowUps', 2, 'duoRequirement', 'not_only_ggz', 'duoRule', g."duo_rule"::text, 'reportForm', 'four_questions', 'referrerFeedback', 'resident_shares', 'afterContact', 'duo') FROM "regions" g WHERE g."id" = r."region_id";--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "profile" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "referral" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "referrer_practice" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "sealed_referral_reason" text;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "referrer_feedback_answer" boolean;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "referrer_feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "form" "report_form" DEFAULT 'four_questions' NOT NULL;