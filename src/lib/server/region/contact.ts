import { getT } from '../../i18n/index.ts';
import type { Region } from './queries.ts';

/**
 * The values page texts interpolate ({{regionName}}, {{phone}} ...), from the region's settings. On
 * the national pages (no region yet) they are words that point to the visitor's own region, so a
 * sentence like "Mail naar {{email}}" still reads as a sentence.
 */
export function regionValues(region: Region | null, lang = 'nl'): Record<string, string> {
  if (!region) {
    const t = getT(lang);
    return { regionName: t('national.regionName'), phone: t('national.phone'), email: t('national.email'), ages: ageRange(18, 65, lang) };
  }
  return { regionName: region.name, phone: region.contactPhone, email: region.contactEmail, ages: ageRange(region.minAge, region.maxAge, lang) };
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
