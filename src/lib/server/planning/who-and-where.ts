import type { Discipline } from '../../profile.ts';
import { getT } from '../../i18n/index.ts';
import { placeName, type Location } from '../locations/queries.ts';

// What the resident is told about an agreed conversation (issue 22, item 6): who comes, by first
// name and role in plain words, and where, with the address. Pure, for /mijn and the mail alike.

export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

/**
 * "Sanne (buurtcoach) en Tom (ervaringsdeskundige)". `roles` false leaves the roles out: in discreet
 * mail a word like "psycholoog" would say what the appointment is about.
 */
export function duoNames(duo: readonly { name: string; discipline: Discipline }[], lang: string, roles = true): string {
  const t = getT(lang, 'planning');
  const people = [...duo]
    .sort((a, b) => a.name.localeCompare(b.name, lang))
    .map((m) => (roles ? t('who.person', { name: firstName(m.name), role: t(`who.role.${m.discipline}`) }) : firstName(m.name)))
    .filter(Boolean);
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(people);
}

export type AgreedPlace = Pick<Location, 'name' | 'names' | 'kind' | 'street' | 'postcode' | 'city'>;

/**
 * The agreed place as the resident reads it: their own home with the address they gave, the
 * place's name and address, online, a walk, or the place they named.
 */
export function residentPlace(
  c: { placeKind: string },
  location: AgreedPlace | null,
  details: { address: string | null; otherPlace: string | null },
  lang: string,
): string {
  const t = getT(lang, 'planning');
  const s = getT(lang, 'signup');
  if (c.placeKind === 'home') return details.address ? t('where.home', { address: details.address }) : t('where.homeOnly');
  if (c.placeKind === 'walk') return s('place.walk');
  if (c.placeKind === 'other') return details.otherPlace ? `${s('place.other')}: ${details.otherPlace}` : s('place.other');
  if (!location) return t('place.agreed');
  const name = placeName(location, lang);
  if (location.kind === 'online') return name.toLowerCase().includes('online') ? name : `${t('where.online')}: ${name}`;
  const town = [location.postcode, location.city].filter(Boolean).join(' ');
  return [name, location.street, town].filter(Boolean).join(', ');
}
