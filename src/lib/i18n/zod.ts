import type { z } from 'zod';
import { getT } from './index.ts';

// Schemas carry no sentences: either zod's own issue codes, which this map turns into the
// `validation` namespace, or an explicit key such as `error: 'validation:postcode'`.
const KEY_PREFIX = 'validation:';

type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;

function sizeKey(kind: 'too_small' | 'too_big', origin: string | undefined): string {
  if (origin === 'string') return `${kind}_string`;
  if (origin === 'array' || origin === 'set') return `${kind}_array`;
  return `${kind}_number`;
}

function keyFor(issue: Issue): { key: string; values?: Record<string, unknown> } {
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : 'invalid_type' };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { key: 'required' };
      return { key: sizeKey('too_small', issue.origin), values: { minimum: Number(issue.minimum) } };
    case 'too_big':
      return { key: sizeKey('too_big', issue.origin), values: { maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'email' : 'format' };
    case 'invalid_value':
      return { key: 'invalid_value' };
    default:
      return { key: 'format' };
  }
}

/** The error map for one language, for `schema.safeParse(data, { error: zodErrorMap(lang) })`. */
export function zodErrorMap(lang: string): z.core.$ZodErrorMap {
  const t = getT(lang, 'validation');
  return (issue) => {
    const { key, values } = keyFor(issue);
    return t(key, values ?? {});
  };
}

/** A message that is still a key (set in the schema) becomes a sentence in the page's language. */
export function translateMessage(message: string, lang: string): string {
  return message.startsWith(KEY_PREFIX) ? getT(lang, 'validation')(message.slice(KEY_PREFIX.length)) : message;
}

export type FieldErrors = { field: string; message: string }[];

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parse input and get translated messages per field, in the order the fields failed. */
export function parseLocalized<S extends z.ZodType>(schema: S, input: unknown, lang: string): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: zodErrorMap(lang) });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ field: i.path.join('.'), message: translateMessage(i.message, lang) })),
  };
}
