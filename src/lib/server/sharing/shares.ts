import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessLog, regions, registrations, reports, reportShares, reportVersions } from '../db/schema/index.ts';
import { openDetails } from '../registrations/queries.ts';
import { isDiscreet } from '../registrations/mails.ts';
import { logAccess } from '../audit/log.ts';
import { mailLink, type RequestContext } from '../accounts/context.ts';
import { queueMail } from '../mail/queue.ts';
import { seal, unseal } from '../crypto/seal.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { mayShare } from '../reports/rules.ts';
import { hashAccessCode, newAccessCode, newShareLink } from './secrets.ts';
import { shareState, type Relation, type Scope, type ShareState, type ShareWay } from './rules.ts';

/**
 * Sealed with the share. `email` is null when the resident passes the link on themselves; `lang` is
 * the language the resident wrote the message in (older shares have none).
 */
export type Recipient = { name: string; email: string | null; message: string | null; lang?: string };
export type NewShare = { reportId: string; relation: Relation; scope: Scope; endsAt: Date; notifyFirstOpen: boolean } & Omit<Recipient, 'lang'>;
export type ShareRow = typeof reportShares.$inferSelect;
export type ShareSummary = {
  id: string;
  recipient: Recipient;
  relation: Relation;
  scope: Scope;
  endsAt: Date;
  state: ShareState;
  way: ShareWay;
  opens: Date[];
};
/** What the resident gets back once: the code always, the link only when they pass it on themselves. */
export type MadeShare = { code: string; link: string | null };

export const openRecipient = (share: ShareRow): Recipient => JSON.parse(unseal(share.sealedRecipient)) as Recipient;

/** The resident's own report with at least one approved version, with its sign-up and region, or null. */
async function shareableReport(db: Db, residentId: string, reportId: string) {
  const [row] = await db
    .select({ id: reports.id, registration: registrations, region: regions })
    .from(reports)
    .innerJoin(registrations, eq(registrations.id, reports.registrationId))
    .innerJoin(regions, eq(regions.id, registrations.regionId))
    .where(and(eq(reports.id, reportId), eq(registrations.residentId, residentId)));
  if (!row) return null;
  const versions = await db.select({ v: reportVersions.version }).from(reportVersions).where(eq(reportVersions.reportId, row.id));
  return mayShare(versions.length) ? row : null;
}

/**
 * Makes the share and mails the link, or (no e-mail address) returns the link once for the resident
 * to copy or print. The code is returned once, to be shown to the resident only; the database keeps
 * only hashes of both.
 */
export async function createShare(db: Db, residentId: string, input: NewShare, ctx: RequestContext): Promise<MadeShare | 'notShareable' | 'throttled'> {
  if (!(await hit(db, `share:resident:${residentId}`, limits.sharesPerResident)).allowed) return 'throttled';
  return db.transaction(async (tx) => {
    const shareable = await shareableReport(tx, residentId, input.reportId);
    if (!shareable) return 'notShareable';
    const reportId = shareable.id;
    const details = openDetails(shareable.registration);
    const { token, tokenHash } = newShareLink();
    const id = crypto.randomUUID();
    const code = newAccessCode();
    const recipient: Recipient = { name: input.name, email: input.email, message: input.message, lang: ctx.lang };
    const link = mailLink(`/gedeeld/${token}`, ctx.lang);
    await tx.insert(reportShares).values({
      id,
      reportId,
      residentId,
      tokenHash,
      codeHash: hashAccessCode(id, code),
      sealedRecipient: seal(JSON.stringify(recipient)),
      relation: input.relation,
      scope: input.scope,
      endsAt: input.endsAt,
      notifyFirstOpen: input.notifyFirstOpen,
    });
    // No address: the resident copies or prints the link themselves, nothing is mailed.
    if (input.email)
      await queueMail(tx, {
        to: input.email,
        lang: ctx.lang,
        template: 'shareInvitation',
        // The recipient learns who shares (the resident's call name) and, when the resident allows
        // the service's name in mail, that it is a report of a conversation; never what it says.
        values: { name: input.name, sender: details.callName, link },
        discreet: isDiscreet(details.contact),
        region: shareable.region,
      });
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `report:${reportId}`,
      action: input.email ? 'shared' : 'shared_by_hand',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
      detail: { share: id, relation: input.relation, scope: input.scope },
    });
    return { code, link: input.email ? null : link };
  });
}

/** Every share of the resident, newest first, with its state and each time it was opened. */
export async function listShares(db: Db, residentId: string, now = new Date()): Promise<ShareSummary[]> {
  const shares = await db.select().from(reportShares).where(eq(reportShares.residentId, residentId)).orderBy(desc(reportShares.createdAt));
  if (shares.length === 0) return [];
  const opens = await db
    .select({ authority: accessLog.authority, at: accessLog.at })
    .from(accessLog)
    .where(
      and(
        eq(accessLog.subjectId, residentId),
        eq(accessLog.action, 'viewed'),
        inArray(
          accessLog.authority,
          shares.map((s) => `share:${s.id}`),
        ),
      ),
    )
    .orderBy(asc(accessLog.at));
  return shares.map((s) => {
    const recipient = openRecipient(s);
    return {
      id: s.id,
      recipient,
      relation: s.relation,
      scope: s.scope,
      endsAt: s.endsAt,
      state: shareState(s, now),
      way: recipient.email ? 'email' : 'self',
      opens: opens.filter((o) => o.authority === `share:${s.id}`).map((o) => o.at),
    };
  });
}

type Change = { kind: 'withdraw' } | { kind: 'renew' };

/** Withdraws a share at once, or renews a locked one with a new code (returned once). */
export async function changeShare(db: Db, residentId: string, shareId: string, change: Change, ctx: RequestContext): Promise<{ code: string | null } | null> {
  return db.transaction(async (tx) => {
    const code = change.kind === 'renew' ? newAccessCode() : null;
    const [row] = await tx
      .update(reportShares)
      .set(code ? { codeHash: hashAccessCode(shareId, code), codeFailures: 0 } : { withdrawnAt: new Date() })
      .where(and(eq(reportShares.id, shareId), eq(reportShares.residentId, residentId)))
      .returning();
    if (!row) return null;
    await logAccess(tx, {
      actorId: residentId,
      actorRole: 'resident',
      subjectId: residentId,
      object: `report:${row.reportId}`,
      action: code ? 'renewed' : 'withdrew',
      authority: 'self',
      ipPrefix: ctx.ipPrefix,
      detail: { share: shareId },
    });
    return { code };
  });
}
