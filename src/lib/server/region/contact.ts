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
    return { regionName: t('national.regionName'), phone: t('national.phone'), email: t('national.email'), minAge: '18', maxAge: '65' };
  }
  return {
    regionName: region.name,
    phone: region.contactPhone,
    email: region.contactEmail,
    minAge: String(region.minAge),
    maxAge: String(region.maxAge),
  };
}
