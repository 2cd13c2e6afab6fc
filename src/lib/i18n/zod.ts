import { z } from 'zod';
import { getT } from './index.ts';
import { makeErrorMap, translateMessage as translateWith } from './zod-map.ts';

/** The error map for one language, for `schema.safeParse(data, { error: zodErrorMap(lang) })`. */
export function zodErrorMap(lang: string): z.core.$ZodErrorMap {
  const t = getT(lang, 'validation');
  return makeErrorMap((key, values) => t(key, values ?? {}));
}

/** A message that is still a key (set in the schema) becomes a sentence in the page's language. */
export function translateMessage(message: string, lang: string): string {
  const t = getT(lang, 'validation');
  return translateWith(message, (key) => t(key));
}

export type FieldErrors = { field: string; message: string }[];

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parse input and get translated messages per field, in the order the fields failed. */
export function parseLocalized<S extends z.core.$ZodType>(schema: S, input: unknown, lang: string): Parsed<z.output<S>> {
  // z.safeParse takes classic and mini schemas alike (the sign-up steps are zod/mini).
  const result = z.safeParse(schema, input, { error: zodErrorMap(lang) });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ field: i.path.join('.'), message: translateMessage(i.message, lang) })),
  };
}
