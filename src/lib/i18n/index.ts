import i18next, { type TFunction } from 'i18next';
import { defaultLocale, locales } from './locales.ts';
import { resources } from './resources.ts';

// One instance for the whole process, initialised synchronously at import: resources are bundled,
// so a request only picks a fixed t() for its language.
const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  ns: Object.keys(resources[defaultLocale] ?? {}),
  defaultNS: 'common',
  initAsync: false,
  returnNull: false,
  // Astro escapes every expression it renders; escaping here too would show &amp; to residents.
  interpolation: { escapeValue: false },
});

const cache = new Map<string, TFunction>();

export function getT(lang: string, ns?: string): TFunction {
  const key = `${lang}:${ns ?? ''}`;
  let t = cache.get(key);
  if (!t) {
    t = instance.getFixedT(lang, ns ?? null);
    cache.set(key, t);
  }
  return t;
}

export type { TFunction };
