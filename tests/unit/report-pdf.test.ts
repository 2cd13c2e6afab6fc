import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { getT } from '../../src/lib/i18n/index.ts';
import { reportPdf } from '../../src/lib/server/reports/pdf.ts';
import { buildReportContent } from '../builders/reports.ts';

describe('the report as a PDF', () => {
  it('holds every part of the approved version as selectable text, markup shown as text', async () => {
    const t = getT('nl', 'report');
    const content = { ...buildReportContent({ strengths: '<img src=x onerror=alert(1)>' }), addition: 'Mijn hond heet Bo.' };
    const offers = [{ id: 'o', name: 'Herstelcollege', description: 'Cursussen over herstel.', url: 'https://example.org/college', lang: 'nl' }];
    const bytes = await reportPdf(
      { version: 2, approvedAt: new Date(), approvedVia: 'resident', content },
      offers,
      'nl',
      (k, v = {}) => t(k, v),
      '1 maart 2026',
    );
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    for (const part of [
      'Mijn verslag',
      'Versie 2, goedgekeurd op 1 maart 2026',
      'Wat is er gebeurd?',
      'Ik verloor mijn werk.',
      '<img src=x onerror=alert(1)>',
      'Herstelcollege: Cursussen over herstel.',
      'Lichaam: 6',
      'Mijn hond heet Bo.',
    ])
      expect(text).toContain(part);
  });
});
