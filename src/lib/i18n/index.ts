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

// Resolving a key walks namespaces, fallbacks and interpolation: a fifth of a page's CPU time when
// done on every request. Resources never change while the process runs, so each answer is kept.
// Calls with values are kept too (the region's name, a step number); those carrying personal data
// (a name, a reference) are one-offs, so the memo is emptied when it grows past its bound.
const MEMO_LIMIT = 20_000;
const cache = new Map<string, TFunction>();
const memo = new Map<string, unknown>();

type Loose = (key: unknown, ...args: unknown[]) => unknown;

function remembered(typed: TFunction, prefix: string): TFunction {
  const fixed = typed as unknown as Loose;
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== 'string' || (options !== undefined && (typeof options !== 'object' || options === null))) {
      return fixed(key, options, ...rest);
    }
    const id = options === undefined ? `${prefix}${key}` : `${prefix}${key}\u0000${JSON.stringify(options)}`;
    if (memo.has(id)) return memo.get(id);
    const value = options === undefined ? fixed(key) : fixed(key, options);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(id, value);
    return value;
  };
  return t as unknown as TFunction;
}

/** A t() for one language and namespace; the returned objects (returnObjects) are shared: read them only. */
export function getT(lang: string, ns?: string): TFunction {
  const key = `${lang}:${ns ?? ''}`;
  let t = cache.get(key);
  if (!t) {
    t = remembered(instance.getFixedT(lang, ns ?? null), `${key}\u0000`);
    cache.set(key, t);
  }
  return t;
}

export type { TFunction };
