import { getT } from '../../i18n/index.ts';

// Every message: plain text plus simple HTML, in the recipient's language, with no images, no
// outside links and never a word about anyone's health: mailboxes are shared and subjects are seen.
export const mailTemplates = ['emailConfirmation', 'accountExists', 'passwordReset', 'passwordChanged', 'emailChangeConfirm', 'emailChangedNotice', 'invitation', 'signupReceived', 'resumeSignup'] as const;
export type MailTemplate = (typeof mailTemplates)[number];
export type MailValues = { link?: string; code?: string; name?: string };
export type RenderedMail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMail(template: MailTemplate, lang: string, values: MailValues): RenderedMail {
  // Links are built by the caller from PUBLIC_ORIGIN; anything else (javascript:, a relative path) is a bug.
  if (values.link !== undefined && !/^https?:\/\/[^\s"<>]+$/.test(values.link)) throw new Error(`mail ${template}: the link must be an absolute http(s) URL`);
  const t = getT(lang, 'mail');
  const lines = t(`${template}.lines`, { returnObjects: true }) as unknown as string[];
  const closing = t(`${template}.closing`, { defaultValue: '' });
  const greeting = values.name ? t('greetingName', { name: values.name }) : t('greeting');
  const codeLine = values.code ? t('codeLine', { code: values.code }) : '';
  const linkLabel = values.link ? t(`${template}.linkLabel`, { defaultValue: t('linkLabel') }) : '';
  const paragraphs = [greeting, ...lines, codeLine].filter(Boolean);
  const after = [closing, t('signature')].filter(Boolean);

  const text = [...paragraphs, ...(values.link ? [`${linkLabel}:\n${values.link}`] : []), ...after].join('\n\n');
  const htmlParagraphs = [
    ...paragraphs.map(escapeHtml),
    ...(values.link ? [`<a href="${escapeHtml(values.link)}">${escapeHtml(linkLabel)}</a>`] : []),
    ...after.map(escapeHtml),
  ];
  const body = htmlParagraphs.map((p) => `<p>${p}</p>`).join('');
  const html = `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  return { subject: t(`${template}.subject`), text, html };
}
