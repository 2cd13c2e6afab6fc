import type { TFunction } from 'i18next';

/** Who is filling in the sign-up: the resident, or a partner on their behalf. */
export type Voice = 'resident' | 'partner';

/**
 * The same questions in the partner's words: i18next's context picks `<key>_partner` where the
 * wording differs ("Wat is de voornaam van de inwoner?") and falls back to the resident's key.
 */
export function voiced(t: TFunction, voice: Voice): TFunction {
  return voice === 'resident' ? t : inContext(t, voice);
}

/**
 * Every key in a context (`<key>_<context>`, falling back to `<key>`): the partner pages in a
 * referrer's words ("Je verwijzingen") where they differ. No context: the words as they are.
 */
export function inContext(t: TFunction, context: string | undefined): TFunction {
  if (!context) return t;
  const loose = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return ((key: string, options?: Record<string, unknown>) => loose(key, { ...options, context })) as unknown as TFunction;
}
