import type { APIRoute } from 'astro';
import { getT } from '../../../lib/i18n/index.ts';
import { localizePath } from '../../../lib/i18n/paths.ts';
import { requirePage } from '../../../lib/server/auth/guards.ts';
import { getDb } from '../../../lib/server/db/client.ts';
import { logAccess } from '../../../lib/server/audit/log.ts';
import { offersByIds } from '../../../lib/server/reports/offers.ts';
import { reportPdf } from '../../../lib/server/reports/pdf.ts';
import { reportsForResident } from '../../../lib/server/reports/resident.ts';

// The resident's approved report as a PDF to keep or print: the newest approved version, or
// ?versie=<n> for an earlier one. Only their own.
export const GET: APIRoute = async ({ locals, url, redirect }) => {
  const { user } = requirePage(locals, 'reportPdf');
  const db = getDb();
  const reports = await reportsForResident(db, user.id);
  const wanted = Number(url.searchParams.get('versie'));
  const report = reports.find((r) => r.approved.length > 0);
  const version = report?.approved.find((v) => v.version === wanted) ?? report?.approved[0];
  // Nothing approved yet (or no such version): the report page says where things stand.
  if (!report || !version) return redirect(localizePath('/mijn/verslag', locals.lang), 303);
  const t = getT(locals.lang, 'report');
  const date = new Intl.DateTimeFormat(locals.lang, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(version.approvedAt);
  const pdf = await reportPdf(version, await offersByIds(db, version.content.offerIds, locals.lang), locals.lang, (key, values = {}) => t(key, values), date);
  await logAccess(db, {
    actorId: user.id,
    actorRole: 'resident',
    subjectId: user.id,
    object: `report:${report.id}`,
    action: 'downloaded',
    authority: 'self',
    ipPrefix: locals.ipPrefix,
  });
  return new Response(new Blob([pdf as Uint8Array<ArrayBuffer>]), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${t('pdf.fileName', { version: version.version })}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
