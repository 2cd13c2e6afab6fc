import { describe, expect, it } from 'vitest';
import { regionValues } from '../../src/lib/server/region/contact.ts';
import { getT } from '../../src/lib/i18n/index.ts';
import { presets } from '../../src/lib/profile.ts';
import type { Region } from '../../src/lib/server/region/queries.ts';

// The home page, the questions page and the sign-up invitation say whether a referral is needed
// as the region works: no page promises open access in a region that works by referral (issue 21).
const region = (accessMode: 'open' | 'referral' | 'both') =>
  ({
    name: 'Regio Test',
    contactPhone: '0314 000 000',
    contactEmail: 'team@test.example',
    minAge: 18,
    maxAge: 65,
    profile: { ...presets.doetinchem.profile, accessMode },
  }) as unknown as Region;

describe('whether a referral is needed, in words', () => {
  it('an open region says no referral is needed', () => {
    const v = regionValues(region('open'), 'nl');
    expect(v['referralShort']).toBe('Je hebt geen verwijzing van de huisarts nodig.');
    expect(v['referralAnswer']).toMatch(/^Nee\./);
  });

  it('a region that works by referral says who signs you up, nowhere that none is needed', () => {
    for (const lang of ['nl', 'en']) {
      const v = regionValues(region('referral'), lang);
      expect(v['referralShort']).not.toMatch(/geen verwijzing|do not need a referral/);
      expect(v['referralAnswer']).toContain('Regio Test');
    }
    expect(regionValues(region('referral'), 'nl')['referralAnswer']).toMatch(/^Ja\./);
  });

  it('the home lead and the questions page carry the sentence', () => {
    const home = getT('nl', 'home');
    expect(home('lead', regionValues(region('referral'), 'nl'))).toContain('Je huisarts, de POH-GGZ of het wijkteam meldt je aan.');
    const faq = getT('nl', 'faq')('sections', { returnObjects: true, ...regionValues(region('referral'), 'nl') }) as unknown as {
      id?: string;
      paragraphs?: string[];
    }[];
    expect(faq.find((s) => s.id === 'verwijzing')!.paragraphs![0]).toMatch(/^Ja\. In Regio Test/);
  });

  it('the national pages say it depends on the region', () => {
    expect(regionValues(null, 'nl')['referralAnswer']).toMatch(/hangt af van je regio/);
  });
});
