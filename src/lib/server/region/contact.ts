import { getT } from '../../i18n/index.ts';
import type { Region } from './queries.ts';
import { readProfile } from '../../profile.ts';

/**
 * The values page texts interpolate ({{regionName}}, {{phone}} ...), from the region's settings. On
 * the national pages (no region yet) they are words that point to the visitor's own region, so a
 * sentence like "Mail naar {{email}}" still reads as a sentence.
 */
export function regionValues(region: Region | null, lang = 'nl'): Record<string, string> {
  if (!region) {
    const t = getT(lang);
    return {
      regionName: t('national.regionName'),
      phone: t('national.phone'),
      email: t('national.email'),
      ages: ageRange(18, 65, lang),
      ...access('national', lang),
    };
  }
  const values = { regionName: region.name, phone: region.contactPhone, email: region.contactEmail, ages: ageRange(region.minAge, region.maxAge, lang) };
  return { ...values, ...access(readProfile(region.profile).accessMode, lang, region.name) };
}

/**
 * Whether a resident needs a referral, as the region works (open, by referral, both): one short
 * sentence for the home page and one answer for the questions page, so no page promises open
 * access in a region that works by referral.
 */
function access(mode: 'open' | 'referral' | 'both' | 'national', lang: string, regionName = ''): { referralShort: string; referralAnswer: string } {
  const t = getT(lang);
  return { referralShort: t(`access.short.${mode}`), referralAnswer: t(`access.faq.${mode}`, { regionName }) };
}

/**
 * The region's ages as words that fit in a sentence ("Voor iedereen {{ages}} die ..."): a range,
 * one side only, or none at all (null: no limit on that side).
 */
export function ageRange(minAge: number | null, maxAge: number | null, lang = 'nl'): string {
  const t = getT(lang);
  const key = minAge !== null && maxAge !== null ? 'both' : minAge !== null ? 'min' : maxAge !== null ? 'max' : 'none';
  return t(`ages.${key}`, { minAge, maxAge });
}
