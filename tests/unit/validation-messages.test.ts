import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';

const schema = z.object({
  name: z.string().min(1).max(5),
  email: z.email(),
  postcode: z.string().regex(/^\d{4} ?[A-Z]{2}$/, { error: 'validation:postcode' }),
  age: z.number().min(18),
});

describe('validation messages', () => {
  it('come in the page language, per field', () => {
    const input = { name: '', email: 'geen-adres', postcode: '12', age: 12 };
    const nl = parseLocalized(schema, input, 'nl');
    const en = parseLocalized(schema, input, 'en');
    expect(nl).toEqual({
      ok: false,
      errors: [
        { field: 'name', message: 'Vul dit in.' },
        { field: 'email', message: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.' },
        { field: 'postcode', message: 'Vul je postcode in, zoals 7001 AB.' },
        { field: 'age', message: 'Vul een getal in van 18 of hoger.' },
      ],
    });
    expect(en.ok).toBe(false);
    if (!en.ok) expect(en.errors.map((e) => e.message)).not.toContain('Vul dit in.');
  });
  it('use the limit in the sentence', () => {
    const result = parseLocalized(schema, { name: 'Alexander', email: 'a@b.nl', postcode: '7001 AB', age: 30 }, 'nl');
    expect(result).toEqual({ ok: false, errors: [{ field: 'name', message: 'Gebruik niet meer dan 5 tekens.' }] });
  });
  it('give the data when all is well', () => {
    const data = { name: 'Ali', email: 'a@b.nl', postcode: '7001 AB', age: 30 };
    expect(parseLocalized(schema, data, 'en')).toEqual({ ok: true, data });
  });
});
