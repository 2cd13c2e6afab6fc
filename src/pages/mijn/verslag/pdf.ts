import type { APIRoute } from 'astro';
import { getT } from '../../../lib/i18n/index.ts';
import { renderDocument } from '../../../lib/server/pdf/index.ts';
import { requirePage } from '../../../lib/server/auth/guards.ts';
import { getDb } from '../../../lib/server/db/client.ts';
import { logAccess } from '../../../lib/server/audit/log.ts';
import { offersByIds } from '../../../lib/server/reports/offers.ts';
import { reportPdf } from '../../../lib/server/reports/pdf.ts';
import { reportsForResident } from '../../../lib/server/reports/resident.ts';
import { ownRegistration } from '../../../lib/server/referrer/feedback.ts';
import { afterContactFor, afterContactText } from '../../../lib/server/referrer/after-contact.ts';

// The resident's approved report as a PDF to keep or print: the newest approved version, or
// ?versie=<n> for an earlier one. Only their own.
export const GET: APIRoute = async ({ locals, url }) => {
  const { user } = requirePage(locals, 'reportPdf');
  const db = getDb();
  const reports = await reportsForResident(db, user.id);
  const wanted = Number(url.searchParams.get('versie'));
  const report = reports.find((r) => r.approved.length > 0);
  const version = report?.approved.find((v) => v.version === wanted) ?? report?.approved[0];
  const t = getT(locals.lang, 'report');
  // Nothing approved yet: a one-page PDF that says so, like the report page does.
  if (!report || !version)
    return pdfResponse(
      await renderDocument({ title: t('resident.title'), lang: locals.lang }, [
        { kind: 'heading', text: t('resident.title') },
        { kind: 'paragraph', text: t('pdf.none') },
      ]),
      t('pdf.noneFileName'),
    );
  const date = new Intl.DateTimeFormat(locals.lang, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(version.approvedAt);
  const tr = (key: string, values: Record<string, unknown> = {}) => t(key, values);
  const registration = await ownRegistration(db, user.id, report.registrationId);
  const after = registration
    ? { title: t('after.title'), text: afterContactText(await afterContactFor(db, registration, report.conversationId), tr, locals.lang) }
    : undefined;
  const pdf = await reportPdf(version, await offersByIds(db, version.content.offerIds, locals.lang), locals.lang, tr, date, after);
  await logAccess(db, {
    actorId: user.id,
    actorRole: 'resident',
    subjectId: user.id,
    object: `report:${report.id}`,
    action: 'downloaded',
    authority: 'self',
    ipPrefix: locals.ipPrefix,
  });
  return pdfResponse(pdf, t('pdf.fileName', { version: version.version }));
};

const pdfResponse = (pdf: Uint8Array, fileName: string): Response =>
  new Response(new Blob([pdf as Uint8Array<ArrayBuffer>]), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  });
