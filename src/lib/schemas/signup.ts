import * as z from 'zod/mini';

// One schema per step of /aanmelden, shared by the actions on the server and the island in the
// browser (zod/mini: ~6 KB gzipped, so the page stays under its 20 KB JavaScript budget).
// Messages are keys in the `validation` namespace, one per question, so each names what it is
// about (GOV.UK error messages); limits follow the issue: names 100, text 4,000.
const msg = (key: string) => ({ error: `validation:${key}` });
const yesNo = (key: string) =>
  z.pipe(
    z.enum(['ja', 'nee'], msg(key)),
    z.transform((v) => v === 'ja'),
  );
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const optionalText = (max: number) => z.optional(text(max));
const postcode = z.pipe(
  z.string(msg('postcode')).check(z.trim(), z.regex(/^[1-9]\d{3}\s?[a-zA-Z]{2}$/, msg('postcode'))),
  z.transform((v) => `${v.slice(0, 4)} ${v.slice(-2).toUpperCase()}`),
);
/** Dutch numbers: 06 12345678, 0314-123456, +31 6 12345678 (spaces and dashes allowed). */
export const phone = z.pipe(
  z.pipe(
    z.string(),
    z.transform((v) => v.trim().replace(/[\s-]/g, '')),
  ),
  z.string().check(z.regex(/^(\+31|0031|0)[1-9]\d{8}$/, msg('phone'))),
);
const email = z.email(msg('email')).check(z.maxLength(254));
// Four digits from 1900 to this year. A string check, not z.coerce.number: zod's number type costs the browser more.
const birthYear = z.pipe(
  z.string(msg('birthYear')).check(
    z.trim(),
    z.refine((v) => /^\d{4}$/.test(v) && +v >= 1900 && +v <= new Date().getFullYear(), msg('birthYear')),
  ),
  z.transform(Number),
);

/**
 * A field that belongs to an answer (the address to "bij mij thuis"): required when the answer is
 * given, and refused when it is not, so nothing typed there is dropped without a word. The checks
 * run even when other fields failed (`when`), so a step shows all its problems at once.
 */
type Raw = Record<string, unknown>;
const filled = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '');
const matches = (v: unknown, want: string) => v === want || (want === 'ja' && v === true);
const always = { when: () => true };
const onlyWhen = (field: string, on: string, value: string, key: string) =>
  z.refine<Raw>((o) => matches(o[on], value) || !filled(o[field]), { ...always, ...msg(key), path: [field] });
function dependsOn(field: string, on: string, value: string, key: string) {
  return [
    z.refine<Raw>((o) => !matches(o[on], value) || filled(o[field]), { ...always, ...msg(key), path: [field] }),
    onlyWhen(field, on, value, `${key}NotNeeded`),
  ];
}

// Left empty, the form sends nothing at all: that, and only that, gets the field's own message.
const required = (key: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? `validation:${key}` : undefined) });
const callName = z.string(required('callName')).check(z.trim(), z.minLength(1, msg('callName')), z.maxLength(100));

export const aboutSchema = z.object({ callName, birthYear, postcode });

export const contactSchema = z
  .object({
    email: z.optional(email),
    phone: z.optional(phone),
    bestTimes: optionalText(200),
    voicemail: yesNo('voicemail'),
    sms: yesNo('sms'),
    senderNamed: yesNo('senderNamed'),
  })
  .check(z.refine((c: Raw) => filled(c['email']) || filled(c['phone']), { ...always, ...msg('emailOrPhone'), path: ['email'] }));

export const topicSchema = z.object({ topic: optionalText(4000), help: optionalText(4000) });

export const placeSchema = z
  .object({
    place: z.string(msg('place')).check(z.regex(/^(home|walk|other|location:[0-9a-f-]{36})$/, msg('place'))),
    address: optionalText(200),
    otherPlace: optionalText(500),
  })
  .check(...dependsOn('address', 'place', 'home', 'address'), ...dependsOn('otherPlace', 'place', 'other', 'otherPlace'));

export const dayKeys = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;
export const partKeys = ['ochtend', 'middag', 'avond'] as const;

/** A list of choices, each at most once: a form cannot send more than there are boxes. */
const choices = <T extends readonly [string, ...string[]]>(keys: T, empty: string) =>
  z.array(z.enum(keys), { error: empty }).check(
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

/** A day that exists, written yyyy-mm-dd (2026-02-30 is not one). Plain code: zod's ISO date regex costs the browser more. */
const isDay = (iso: string) => {
  const time = Date.parse(`${iso}T12:00:00Z`);
  return /^\d{4}-\d\d-\d\d$/.test(iso) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(iso);
};

export const whenSchema = z
  .object({
    days: choices(dayKeys, 'validation:days'),
    parts: choices(partKeys, 'validation:parts'),
    start: z.enum(['asap', 'from'], msg('start')),
    from: z.optional(
      z.string(msg('date')).check(
        z.refine(isDay, msg('date')),
        z.refine((d) => !isDay(d) || inWindow(d), { error: 'validation:dateWindow' }),
      ),
    ),
  })
  .check(...dependsOn('from', 'start', 'from', 'date'));

export const naasteSchema = z
  .object({
    withNaaste: yesNo('withNaaste'),
    naasteName: optionalText(100),
    naasteRelation: optionalText(100),
    naasteContact: optionalText(254),
    inviteNaaste: z.optional(yesNo('inviteNaaste')),
    language: z.enum(['nl', 'en', 'other'], msg('language')),
    otherLanguage: optionalText(100),
    interpreter: yesNo('interpreter'),
    accessibility: optionalText(1000),
  })
  .check(
    ...dependsOn('naasteName', 'withNaaste', 'ja', 'naasteName'),
    ...dependsOn('inviteNaaste', 'withNaaste', 'ja', 'inviteNaaste'),
    // Relation and contact may stay empty with a naaste, but not be filled in without one.
    onlyWhen('naasteRelation', 'withNaaste', 'ja', 'naasteNotNeeded'),
    onlyWhen('naasteContact', 'withNaaste', 'ja', 'naasteNotNeeded'),
    ...dependsOn('otherLanguage', 'language', 'other', 'otherLanguage'),
  );

export const finishSchema = z.object({
  consent: z.literal('ja', msg('consent')),
  account: z.enum(['new', 'none'], msg('account')),
  accountPassword: z.optional(z.string().check(z.maxLength(128))),
});

/** The partner's extra step: how the resident agreed, whom the team contacts, what the partner may see. */
export const partnerStepSchema = z.object({
  consentMethod: z.enum(['in_person', 'phone'], msg('partnerConsent')),
  contactPerson: z.enum(['resident', 'partner'], msg('contactPerson')),
  partnerInformed: yesNo('partnerInformed'),
});

/**
 * A referrer's extra step adds their practice (prefilled from their account, editable) and a short
 * reason for the referral, as a GP writes it in a referral letter: required, and kept short.
 */
export const REFERRAL_REASON_MAX = 500;
export const referralStepSchema = z.object({
  ...partnerStepSchema.shape,
  practice: z.string(required('referrerPractice')).check(z.trim(), z.minLength(1, msg('referrerPractice')), z.maxLength(100, msg('referrerPracticeLong'))),
  reason: z
    .string(required('referralReason'))
    .check(z.trim(), z.minLength(1, msg('referralReason')), z.maxLength(REFERRAL_REASON_MAX, msg('referralReasonLong'))),
});

/** A code on the partner's letter: the reference and six digits, as printed (spaces allowed). */
export const confirmCodeSchema = z.object({
  reference: z
    .pipe(
      z.string(msg('reference')).check(z.trim(), z.maxLength(20)),
      z.transform((v) => v.toUpperCase().replace(/\s/g, '')),
    )
    .check(z.regex(/^HOG-[A-Z2-9]{6}$/, msg('reference'))),
  code: z
    .pipe(
      z.string(msg('confirmCode')).check(z.maxLength(20)),
      z.transform((v) => v.replace(/\s/g, '')),
    )
    .check(z.regex(/^\d{6}$/, msg('confirmCode'))),
});

export const signupSteps = ['over-jou', 'contact', 'onderwerp', 'plek', 'wanneer', 'meenemen', 'controleren'] as const;
export type SignupStep = (typeof signupSteps)[number];

/** The partner's steps: the resident's, with one before the review. */
export const partnerSteps = ['over-jou', 'contact', 'onderwerp', 'plek', 'wanneer', 'meenemen', 'akkoord', 'controleren'] as const;
export type PartnerStep = (typeof partnerSteps)[number];

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
  /** Set when a resident confirms a sign-up a partner made for them (the registration's id). */
  confirming?: string;
  /** How the resident opened it: the mailed link or the letter's code. */
  confirmedVia?: 'link' | 'code';
  /** Only in a partner's or referrer's draft: the extra step (a referrer's with practice and reason). */
  partner?: z.output<typeof partnerStepSchema> & { practice?: string; reason?: string };
  about?: z.output<typeof aboutSchema>;
  contact?: z.output<typeof contactSchema>;
  topic?: z.output<typeof topicSchema>;
  place?: z.output<typeof placeSchema>;
  when?: z.output<typeof whenSchema>;
  naaste?: z.output<typeof naasteSchema>;
};
