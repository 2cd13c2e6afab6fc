import { getT } from '../../i18n/index.ts';

// Every message: plain text plus simple HTML, in the recipient's language, with no images, no
// outside links and never a word about anyone's health: mailboxes are shared and subjects are seen.
// A resident who said "no" to the service's name in mail gets the discreet version: a first name as
// sender and signature, and subject and text that say nothing of what the service is.
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
  'conversationReminder',
  'conversationChanged',
  'shareInvitation',
  'shareOpened',
  'reportApproved',
] as const;
export type MailTemplate = (typeof mailTemplates)[number];
/** `details`: lines already in the recipient's language (what was chosen), shown as a list. */
export type MailValues = { link?: string; code?: string; name?: string; details?: string[]; until?: string };
/** `region`: the region the mail is about; its name signs the mail and its contact closes it (not in discreet mail). */
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
  // The discreet wording only where the plain one would name the service; elsewhere both are the same.
  const pick = (key: string) =>
    discreet && t(`${template}.discreet.${key}`, { returnObjects: true, defaultValue: '' }) ? `${template}.discreet.${key}` : `${template}.${key}`;
  const lines = t(pick('lines'), { returnObjects: true, until: values.until ?? '' }) as unknown as string[];
  const closing = t(pick('closing'), { defaultValue: '' });
  const greeting = values.name ? t('greetingName', { name: values.name }) : t('greeting');
  const codeLine = values.code ? t('codeLine', { code: values.code }) : '';
  const linkLabel = values.link ? t(`${template}.linkLabel`, { defaultValue: t('linkLabel') }) : '';
  const details = values.details ?? [];
  const paragraphs = [greeting, ...lines].filter(Boolean);
  const region = discreet ? null : style.region;
  const signature = discreet
    ? t('discreet.signature', { sender: t('discreet.sender') })
    : region
      ? t('regionSignature', { regionName: region.name })
      : t('signature');
  const contact = region ? t('regionContact', { phone: region.contactPhone, email: region.contactEmail }) : '';
  const after = [closing, contact, signature].filter(Boolean);

  const text = [
    ...paragraphs,
    ...(details.length ? [details.map((d) => `- ${d}`).join('\n')] : []),
    ...(codeLine ? [codeLine] : []),
    ...(values.link ? [`${linkLabel}:\n${values.link}`] : []),
    ...after,
  ].join('\n\n');
  const body = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(details.length ? [`<ul>${details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`] : []),
    ...(codeLine ? [`<p>${escapeHtml(codeLine)}</p>`] : []),
    ...(values.link ? [`<p><a href="${escapeHtml(values.link)}">${escapeHtml(linkLabel)}</a></p>`] : []),
    ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
  ].join('');
  const html = `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  return { subject: t(pick('subject')), text, html, fromName: discreet ? t('discreet.sender') : null };
}
