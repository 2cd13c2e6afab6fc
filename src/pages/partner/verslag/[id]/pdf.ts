import type { APIRoute } from 'astro';
import { getT } from '../../../../lib/i18n/index.ts';
import { requirePageInRegion } from '../../../../lib/server/auth/guards.ts';
import { getDb } from '../../../../lib/server/db/client.ts';
import { offersByIds } from '../../../../lib/server/reports/offers.ts';
import { reportPdf } from '../../../../lib/server/reports/pdf.ts';
import { readAsReferrer } from '../../../../lib/server/referrer/feedback.ts';
import { afterContactText } from '../../../../lib/server/referrer/after-contact.ts';

// The approved report as a PDF for the referrer's own system (a ZorgDomein attachment, say): the
// same checks as the page, the same 404 for anything not theirs, and the download is logged.
export const GET: APIRoute = async ({ locals, params }) => {
  const { user, region } = await requirePageInRegion(locals, 'referrerReportPdf');
  const db = getDb();
  const view = await readAsReferrer(db, user.id, region.id, params.id ?? '', 'downloaded', { lang: locals.lang, ipPrefix: locals.ipPrefix, userAgent: null });
  if (!view) return new Response(null, { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
  const t = getT(locals.lang, 'report');
  const tr = (key: string, values: Record<string, unknown> = {}) => t(key, values);
  const after = afterContactText(view.after, tr, locals.lang);
  const date = new Intl.DateTimeFormat(locals.lang, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(view.version.approvedAt);
  const offers = await offersByIds(db, view.version.content.offerIds, locals.lang);
  const pdf = await reportPdf(view.version, offers, locals.lang, tr, date, { title: t('after.title'), text: after });
  const fileName = t('referrer.fileName', { reference: view.reference, version: view.version.version });
  return new Response(new Blob([pdf as Uint8Array<ArrayBuffer>]), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'private, no-store' },
  });
};
