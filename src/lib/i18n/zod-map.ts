import type { z } from 'zod';

// The zod error map without i18next, so the sign-up island can use it with the page's messages
// passed in as a prop. Schemas carry no sentences: either zod's issue codes, mapped here to keys
// of the `validation` namespace, or an explicit key such as `error: 'validation:postcode'`.
const KEY_PREFIX = 'validation:';

export type Translate = (key: string, values?: Record<string, unknown>) => string;
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

export function makeErrorMap(translate: Translate): z.core.$ZodErrorMap {
  return (issue) => {
    const { key, values } = keyFor(issue);
    return translate(key, values ?? {});
  };
}

/** A message that is still a key (set in the schema) becomes a sentence. */
export const translateMessage = (message: string, translate: Translate): string =>
  message.startsWith(KEY_PREFIX) ? translate(message.slice(KEY_PREFIX.length)) : message;

/** i18next-style {{name}} interpolation over a plain messages object (for the browser). */
export const translatorFor =
  (messages: Record<string, string>): Translate =>
  (key, values = {}) =>
    (messages[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
