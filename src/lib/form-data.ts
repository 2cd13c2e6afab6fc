/** Form data as the schemas expect it, on the server and in the browser alike. */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    // Names ending in [] are lists (checkbox groups); everything else is one value.
    if (key.endsWith('[]')) out[key.slice(0, -2)] = all;
    else if (all[0] !== '') out[key] = all[0];
  }
  return out;
}
