import * as z from 'zod/mini';

// One schema per step of /aanmelden, shared by the actions on the server and the island in the
// browser (zod/mini: ~6 KB gzipped, so the page stays under its 20 KB JavaScript budget).
// Messages are keys in the `validation` namespace; limits follow the issue: names 100, text 4,000.
const yesNo = z.pipe(z.enum(['ja', 'nee']), z.transform((v) => v === 'ja'));
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const optionalText = (max: number) => z.optional(text(max));
const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const postcode = z.pipe(
  z.string().check(z.trim(), z.regex(/^[1-9]\d{3}\s?[a-zA-Z]{2}$/, { error: 'validation:postcode' })),
  z.transform((v) => `${v.slice(0, 4)} ${v.slice(-2).toUpperCase()}`),
);
/** Dutch numbers: 06 12345678, 0314-123456, +31 6 12345678 (spaces and dashes allowed). */
export const phone = z.pipe(
  z.pipe(z.string(), z.transform((v) => v.trim().replace(/[\s-]/g, ''))),
  z.string().check(z.regex(/^(\+31|0031|0)[1-9]\d{8}$/, { error: 'validation:phone' })),
);
const email = z.email().check(z.maxLength(254));
const birthYear = z.coerce.number({ error: 'validation:birthYear' }).check(
  z.refine((n) => Number.isInteger(n) && n >= 1900 && n <= new Date().getFullYear(), { error: 'validation:birthYear' }),
);

export const aboutSchema = z.object({ callName: name, birthYear, postcode });

export const contactSchema = z
  .object({
    email: z.optional(email),
    phone: z.optional(phone),
    bestTimes: optionalText(200),
    voicemail: yesNo,
    sms: yesNo,
    senderNamed: yesNo,
  })
  .check(z.refine((c) => !!(c.email || c.phone), { error: 'validation:emailOrPhone', path: ['email'] }));

export const topicSchema = z.object({ topic: optionalText(4000), help: optionalText(4000) });

export const placeSchema = z
  .object({
    place: z.string().check(z.regex(/^(home|walk|other|location:[0-9a-f-]{36})$/, { error: 'validation:invalid_value' })),
    address: optionalText(200),
    otherPlace: optionalText(500),
  })
  .check(
    z.refine((p) => p.place !== 'home' || !!p.address, { error: 'validation:address', path: ['address'] }),
    z.refine((p) => p.place !== 'other' || !!p.otherPlace, { error: 'validation:otherPlace', path: ['otherPlace'] }),
  );

export const dayKeys = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export const partKeys = ['ochtend', 'middag', 'avond'] as const;

/** A list of choices, each at most once: a form cannot send more than there are boxes. */
const choices = <T extends readonly [string, ...string[]]>(keys: T, empty: string) =>
  z.array(z.enum(keys)).check(
    z.minLength(1, { error: empty }),
    z.maxLength(keys.length),
    z.refine((list) => new Set(list).size === list.length, { error: 'validation:invalid_value' }),
  );

/** "From" a date: today or later, at most a year ahead (a date from 1900 or 2999 is a typo). */
export const FROM_WINDOW_DAYS = 366;
const inWindow = (iso: string, today = new Date()) => {
  const day = Date.parse(`${iso}T12:00:00Z`);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate(), 0, 0, 0);
  return day >= start && day <= start + FROM_WINDOW_DAYS * 86_400_000;
};

export const whenSchema = z
  .object({
    days: choices(dayKeys, 'validation:days'),
    parts: choices(partKeys, 'validation:parts'),
    start: z.enum(['asap', 'from']),
    from: z.optional(z.iso.date({ error: 'validation:date' }).check(z.refine((d) => inWindow(d), { error: 'validation:dateWindow' }))),
  })
  .check(z.refine((w) => w.start !== 'from' || !!w.from, { error: 'validation:date', path: ['from'] }));

export const naasteSchema = z
  .object({
    withNaaste: yesNo,
    naasteName: optionalText(100),
    naasteRelation: optionalText(100),
    naasteContact: optionalText(254),
    inviteNaaste: z.optional(yesNo),
    language: z.enum(['nl', 'en', 'other']),
    otherLanguage: optionalText(100),
    interpreter: yesNo,
    accessibility: optionalText(1000),
  })
  .check(z.refine((n) => !n.withNaaste || !!n.naasteName, { error: 'validation:required', path: ['naasteName'] }));

export const finishSchema = z.object({
  consent: z.literal('ja', { error: 'validation:consent' }),
  account: z.enum(['new', 'none']),
  accountPassword: z.optional(z.string().check(z.maxLength(128))),
});

export const signupSteps = ['over-jou', 'contact', 'onderwerp', 'plek', 'wanneer', 'meenemen', 'controleren'] as const;
export type SignupStep = (typeof signupSteps)[number];

export const stepSchemas = {
  'over-jou': aboutSchema,
  contact: contactSchema,
  onderwerp: topicSchema,
  plek: placeSchema,
  wanneer: whenSchema,
  meenemen: naasteSchema,
} as const;

export type SignupAnswers = {
  /** Set when the draft changes an existing sign-up (from /mijn) instead of making a new one. */
  editing?: string;
  /** The resident whose sign-up is being changed: only they may see or use this draft. */
  owner?: string;
  about?: z.output<typeof aboutSchema>;
  contact?: z.output<typeof contactSchema>;
  topic?: z.output<typeof topicSchema>;
  place?: z.output<typeof placeSchema>;
  when?: z.output<typeof whenSchema>;
  naaste?: z.output<typeof naasteSchema>;
};
