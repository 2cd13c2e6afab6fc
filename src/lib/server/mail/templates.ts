import { getT } from '../../i18n/index.ts';

// Every message: plain text plus simple HTML, in the recipient's language, with no images, no
// outside links and never a word about anyone's health: mailboxes are shared and subjects are seen.
// A resident who said "no" to the service's name in mail gets the discreet version: a first name as
// sender and signature, and subject and text that say nothing of what the service is.
// Each message says who sends it (the signature), why the reader gets it (its first line, naming
// the person who caused it: `sender`) and what to do (a link, or the region's phone number).
export const mailTemplates = [
  'emailConfirmation',
  'accountExists',
  'passwordReset',
  'passwordChanged',
  'emailChangeConfirm',
  'emailChangedNotice',
  'invitation',
  'signupReceived',
  'signupChanged',
  'signupCancelled',
  'cancelUndone',
  'resumeSignup',
  'partnerSignupConfirm',
  'partnerSignupReminder',
  'partnerSignupDeleted',
  'momentsProposed',
  'conversationConfirmed',
  'duoConfirmed',
  'naasteInvitation',
  'naasteWithdrawn',
  'naasteCancelled',
  'naasteReminder',
  'conversationReminder',
  'conversationChanged',
  'reportReady',
  'shareInvitation',
  'shareOpened',
  'reportApproved',
] as const;
export type MailTemplate = (typeof mailTemplates)[number];
/**
 * `details`: lines already in the recipient's language (what was chosen), shown as a list.
 * `reference`: the sign-up's code (HOG-…), `code`: a one-time code; each on its own labelled line,
 * labelled as the form that asks for it. `sender`: who caused the mail (the partner who signed the
 * reader up, the resident who shares or invites), named in its first line.
 */
export type MailValues = {
  link?: string;
  code?: string;
  reference?: string;
  name?: string | null;
  sender?: string | null;
  details?: string[];
  until?: string;
};
/**
 * `region`: the region the mail is about; its name signs the mail (not in discreet mail) and its
 * phone number closes it (in discreet mail too: a phone number says nothing of the service).
 */
export type MailStyle = { discreet?: boolean; region?: MailRegion | null | undefined };
export type MailRegion = { name: string; contactPhone: string; contactEmail: string };
/** `fromName` null: the sender as MAIL_FROM says; otherwise only the display name is replaced. */
export type RenderedMail = { subject: string; text: string; html: string; fromName: string | null };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMail(template: MailTemplate, lang: string, values: MailValues, style: MailStyle = {}): RenderedMail {
  // Links are built by the caller from PUBLIC_ORIGIN; anything else (javascript:, a relative path) is a bug.
  if (values.link !== undefined && !/^https?:\/\/[^\s"<>]+$/.test(values.link)) throw new Error(`mail ${template}: the link must be an absolute http(s) URL`);
  const t = getT(lang, 'mail');
  const discreet = !!style.discreet;
  const region = style.region ?? null;
  // The discreet wording only where the plain one would name the service; elsewhere both are the same.
  const pick = (key: string) =>
    discreet && t(`${template}.discreet.${key}`, { returnObjects: true, defaultValue: '' }) ? `${template}.discreet.${key}` : `${template}.${key}`;
  // Who caused the mail; a mail written without one (a test, an old row) says "someone", never "undefined".
  const words = { until: values.until ?? '', sender: values.sender?.trim() || t('someone') };
  const lines = t(pick('lines'), { returnObjects: true, ...words }) as unknown as string[];
  const closing = t(pick('closing'), { defaultValue: '', ...words });
  const greeting = values.name?.trim() ? t('greetingName', { name: values.name.trim() }) : t('greeting');
  const codeLines = [
    ...(values.reference ? [`${t(`${template}.referenceLabel`, { defaultValue: t('referenceLabel') })}: ${values.reference}`] : []),
    ...(values.code ? [`${t(`${template}.codeLabel`, { defaultValue: t('codeLabel') })}: ${values.code}`] : []),
  ];
  const linkLabel = values.link ? t(pick('linkLabel'), { defaultValue: t('linkLabel'), ...words }) : '';
  const details = values.details ?? [];
  const paragraphs = [greeting, ...lines].filter(Boolean);
  const signature = discreet
    ? t('discreet.signature', { sender: t('discreet.sender') })
    : region
      ? t('regionSignature', { regionName: region.name })
      : t('signature');
  // Always a way to reach a person: the region's number, or (no region known yet) where to find it.
  const contact = !region
    ? t('contactNational')
    : discreet
      ? t('discreet.contact', { phone: region.contactPhone })
      : t('regionContact', { phone: region.contactPhone, email: region.contactEmail });
  const after = [closing, contact, signature].filter(Boolean);

  const text = [
    ...paragraphs,
    ...(details.length ? [details.map((d) => `- ${d}`).join('\n')] : []),
    ...(codeLines.length ? [codeLines.join('\n')] : []),
    ...(values.link ? [`${linkLabel}:\n${values.link}`] : []),
    ...after,
  ].join('\n\n');
  const body = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(details.length ? [`<ul>${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`] : []),
    ...(codeLines.length ? [`<p>${codeLines.map(escapeHtml).join('<br>')}</p>`] : []),
    ...(values.link ? [`<p><a href="${escapeHtml(values.link)}">${escapeHtml(linkLabel)}</a></p>`] : []),
    ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
  ].join('');
  const html = `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  return { subject: t(pick('subject'), words), text, html, fromName: discreet ? t('discreet.sender') : null };
}
