import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { regions, registrations, reports, reportShares, reportVersions, users } from '../db/schema/index.ts';
import { logAccess } from '../audit/log.ts';
import { mailLink, type RequestContext } from '../accounts/context.ts';
import { hit } from '../auth/rate-limit.ts';
import { limits } from '../auth/rate-limit-rules.ts';
import { hashToken } from '../auth/tokens.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { cookieName } from '../http/cookies.ts';
import { queueMail } from '../mail/queue.ts';
import { openDetails } from '../registrations/queries.ts';
import { openContent, type ApprovedContent } from '../reports/content.ts';
import { scoped, type ReportContent } from '../reports/rules.ts';
import { codeMatches } from './secrets.ts';
import { isOpen, MAX_CODE_FAILURES, type Relation, type Scope } from './rules.ts';
import { afterContactFor, type AfterContact } from '../referrer/after-contact.ts';
import { openRecipient, type Recipient, type ShareRow } from './shares.ts';
import { aboutConversation, type AboutConversation } from './about.ts';

// Opening a shared report: the link finds the share, the access code lets the recipient in, and
// a short-lived pass (a cookie bound to this share) keeps them in while they read. Every request,
// a reload too, checks the share again, so a withdrawn or ended share stops at once.

export type SharedView = {
  shareId: string;
  sharedBy: string;
  recipient: Recipient;
  relation: Relation;
  scope: Scope;
  endsAt: Date;
  version: number;
  approvedAt: Date;
  content: Partial<ReportContent> & { addition?: string | null };
  /** Whom the resident contacts after the conversation, as the report says it. */
  after: AfterContact;
  /** The conversation behind the report, for a reader who has never heard of the portal. */
  about: AboutConversation;
};

export const PASS_MINUTES = 30;

/** One pass at a time: it names its share, so it opens no other. */
export const passCookie = (): string => cookieName('hog_share_pass');

/** The share behind a link if it may be opened now; unknown, ended, withdrawn and locked look the same. */
export async function findOpenShare(db: Db, token: string, now = new Date()): Promise<ShareRow | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const [share] = await db
    .select()
    .from(reportShares)
    .where(eq(reportShares.tokenHash, hashToken(token)));
  return share && isOpen(share, now) ? share : null;
}

export const passValue = (shareId: string, until: number): string => `${until}.${keyedHash(`share-pass:${shareId}:${until}`)}`;

export const newPass = (shareId: string, now = new Date()): string => passValue(shareId, now.getTime() + PASS_MINUTES * 60_000);

export function passValid(shareId: string, pass: string | undefined, now = new Date()): boolean {
  const until = Number(pass?.split('.')[0]);
  return !!pass && Number.isSafeInteger(until) && until > now.getTime() && pass === passValue(shareId, until);
}

export type CodeResult = 'ok' | 'wrong' | 'gone' | 'throttled';

/** Checks a typed code; the fifth wrong one in a row locks the share. Rate-limited per network and per share. */
export async function tryCode(db: Db, token: string, code: string, ctx: RequestContext, now = new Date()): Promise<{ result: CodeResult; share?: ShareRow }> {
  if (!(await hit(db, `share:net:${ctx.ipPrefix ?? 'unknown'}`, limits.shareOpensPerIp, now)).allowed) return { result: 'throttled' };
  const share = await findOpenShare(db, token, now);
  if (!share) return { result: 'gone' };
  if (!(await hit(db, `share:${share.id}`, limits.shareCodePerShare, now)).allowed) return { result: 'throttled' };
  // Counting and the lock are one statement: checked first and counted after, concurrent wrong codes
  // (several workers) each saw an open share and counted past the limit.
  const stillOpen = and(
    eq(reportShares.id, share.id),
    lt(reportShares.codeFailures, MAX_CODE_FAILURES),
    isNull(reportShares.withdrawnAt),
    gt(reportShares.endsAt, now),
  );
  if (!codeMatches(share.id, code, share.codeHash)) {
    const [counted] = await db
      .update(reportShares)
      .set({ codeFailures: sql`${reportShares.codeFailures} + 1` })
      .where(stillOpen)
      .returning({ id: reportShares.id });
    return { result: counted ? 'wrong' : 'gone' };
  }
  // The right code after the fifth wrong one (or a withdrawal) in the meantime opens nothing.
  const [opened] = await db.update(reportShares).set({ codeFailures: 0 }).where(stillOpen).returning({ id: reportShares.id });
  if (!opened) return { result: 'gone' };
  return { result: 'ok', share };
}

/** What the recipient reads: the latest approved version, only in the shared scope. Logged as a view. */
export async function readShared(db: Db, share: ShareRow, ctx: RequestContext, now = new Date()): Promise<SharedView | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ version: reportVersions, registration: registrations, conversationId: reports.conversationId })
      .from(reportVersions)
      .innerJoin(reports, eq(reports.id, reportVersions.reportId))
      .innerJoin(registrations, eq(registrations.id, reports.registrationId))
      .where(and(eq(reportVersions.reportId, share.reportId), eq(registrations.residentId, share.residentId)))
      .orderBy(desc(reportVersions.version))
      .limit(1);
    if (!row) return null;
    const full = openContent<ApprovedContent>(row.version.sealedContent);
    const recipient = openRecipient(share);
    await logAccess(tx, {
      actorRole: 'share',
      subjectId: share.residentId,
      object: `report:${share.reportId}`,
      action: 'viewed',
      authority: `share:${share.id}`,
      ipPrefix: ctx.ipPrefix,
      detail: { relation: share.relation, scope: share.scope },
      typed: { recipient: recipient.name },
    });
    const details = openDetails(row.registration);
    await noticeFirstOpen(
      tx,
      share,
      { name: details.callName, opener: recipient.name, discreet: details.contact.senderNamed !== true, regionId: row.registration.regionId },
      ctx,
      now,
    );
    return {
      shareId: share.id,
      sharedBy: details.callName,
      recipient,
      relation: share.relation,
      scope: share.scope,
      endsAt: share.endsAt,
      version: row.version.version,
      approvedAt: row.version.approvedAt,
      content: share.scope === 'whole' ? full : scoped(full, 'next_steps'),
      after: await afterContactFor(tx, row.registration, row.conversationId),
      about: await aboutConversation(tx, row.registration.regionId, row.conversationId, ctx.lang),
    };
  });
}

/** The first open only (a guarded update), and a mail when the resident asked for one. */
async function noticeFirstOpen(
  tx: Db,
  share: ShareRow,
  about: { name: string; opener: string; discreet: boolean; regionId: string },
  ctx: RequestContext,
  now: Date,
) {
  const [first] = await tx
    .update(reportShares)
    .set({ firstOpenedAt: now })
    .where(and(eq(reportShares.id, share.id), isNull(reportShares.firstOpenedAt)))
    .returning();
  if (!first || !share.notifyFirstOpen) return;
  const [resident] = await tx.select({ email: users.email }).from(users).where(eq(users.id, share.residentId));
  const [region] = await tx.select().from(regions).where(eq(regions.id, about.regionId));
  if (resident)
    await queueMail(tx, {
      to: resident.email,
      lang: ctx.lang,
      template: 'shareOpened',
      values: { name: about.name, sender: about.opener, link: mailLink('/mijn/verslag/delen', ctx.lang) },
      discreet: about.discreet,
      region,
    });
}
