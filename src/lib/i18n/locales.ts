import { resources } from './resources.ts';

export const defaultLocale = 'nl';

/** Dutch first, then the others in a stable order. */
export const locales: readonly string[] = [
  defaultLocale,
  ...Object.keys(resources)
    .filter((l) => l !== defaultLocale)
    .sort(),
];

export function isLocale(value: string | undefined): value is string {
  return value !== undefined && locales.includes(value);
}

type LanguageMeta = { name: string; dir: 'ltr' | 'rtl' };

/** Each language names itself and its writing direction in its own common.json. */
export function languageMeta(lng: string): LanguageMeta {
  const meta = (resources[lng]?.['common'] as { language?: LanguageMeta } | undefined)?.language;
  return { name: meta?.name ?? lng, dir: meta?.dir === 'rtl' ? 'rtl' : 'ltr' };
}
