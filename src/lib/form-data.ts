/** More fields than any of our forms has (the longest, a sign-up step, has about 30). */
export const MAX_FORM_FIELDS = 100;

export class TooManyFields extends Error {}

// Control characters no keyboard types into a field (tab and line breaks stay). PostgreSQL refuses
// NUL in text, so one pasted in would otherwise fail the whole save.
// eslint-disable-next-line no-control-regex
const UNTYPABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const cleanValue = (value: string) => value.replace(UNTYPABLE, '');

/** Our field names: letters and digits, a list ends in []. Anything else (__proto__ ...) is ignored. */
export const isFieldName = (key: string) => /^[A-Za-z][A-Za-z0-9-]{0,39}(\[\])?$/.test(key);

/**
 * Form data as the schemas expect it, on the server and in the browser alike. One pass over the
 * entries: looking every key up again (`getAll` per key) made a form with many keys quadratic.
 */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  let fields = 0;
  for (const [key, value] of form.entries()) {
    if (++fields > MAX_FORM_FIELDS) throw new TooManyFields();
    if (typeof value !== 'string' || !isFieldName(key)) continue;
    const clean = cleanValue(value);
    // Names ending in [] are lists (checkbox groups); everything else is one value, the first.
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      const list = out[name];
      if (Array.isArray(list)) list.push(clean);
      else out[name] = [clean];
    } else if (!(key in out)) {
      // An empty first value means "not given", the way an optional field is left blank.
      out[key] = clean === '' ? undefined : clean;
    }
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  // Built without a prototype (so "constructor" is a key like any), handed on as a plain object.
  return { ...out };
}
