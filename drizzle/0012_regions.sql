ALTER TYPE "public"."role" ADD VALUE 'platform';--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_region_id_role_pk" PRIMARY KEY("user_id","region_id","role")
);
--> statement-breakpoint
ALTER TABLE "team_members" DROP CONSTRAINT "team_members_user_id_unique";--> statement-breakpoint
ALTER TABLE "team_members" DROP CONSTRAINT "team_members_email_unique";--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "host_names" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "region_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_region_idx" ON "memberships" USING btree ("region_id","role");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_region_user_idx" ON "team_members" USING btree ("region_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_region_email_idx" ON "team_members" USING btree ("region_id","email");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
-- One region until now: every partner and team role held on an account becomes a membership of
-- that region, and the account keeps only the roles that belong to it (resident).
INSERT INTO "memberships" ("user_id", "region_id", "role")
SELECT u."id", r."id", x.role
FROM "users" u
CROSS JOIN LATERAL unnest(u."roles") AS x(role)
CROSS JOIN (SELECT "id" FROM "regions" ORDER BY "created_at" LIMIT 1) r
WHERE x.role::text IN ('partner', 'worker', 'planner', 'admin');--> statement-breakpoint
UPDATE "users" SET "roles" = array(SELECT x FROM unnest("roles") AS x WHERE x::text NOT IN ('partner', 'worker', 'planner', 'admin'))
WHERE "roles" && array['partner', 'worker', 'planner', 'admin']::role[];
