import { getT } from '../../i18n/index.ts';

// Every message: plain text plus simple HTML, in the recipient's language, with no images, no
// outside links and never a word about anyone's health: mailboxes are shared and subjects are seen.
export const mailTemplates = ['emailConfirmation', 'accountExists', 'passwordReset', 'passwordChanged', 'emailChangeConfirm', 'emailChangedNotice', 'invitation'] as const;
export type MailTemplate = (typeof mailTemplates)[number];
export type MailValues = { link?: string; code?: string; name?: string };
export type RenderedMail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMail(template: MailTemplate, lang: string, values: MailValues): RenderedMail {
  const t = getT(lang, 'mail');
  const lines = t(`${template}.lines`, { returnObjects: true, name: values.name ?? '' }) as unknown as string[];
  const closing = t(`${template}.closing`, { defaultValue: '' });
  const codeLine = values.code ? t('codeLine', { code: values.code }) : '';
  const linkLabel = values.link ? t(`${template}.linkLabel`, { defaultValue: t('linkLabel') }) : '';
  const paragraphs = [t('greeting'), ...lines, codeLine].filter(Boolean);
  const after = [closing, t('signature')].filter(Boolean);

  const text = [...paragraphs, ...(values.link ? [`${linkLabel}:\n${values.link}`] : []), ...after].join('\n\n');
  const htmlParagraphs = [
    ...paragraphs.map(escapeHtml),
    ...(values.link ? [`<a href="${escapeHtml(values.link)}">${escapeHtml(linkLabel)}</a>`] : []),
    ...after.map(escapeHtml),
  ];
  const html = `<!doctype html><html lang="${escapeHtml(lang)}"><body>${htmlParagraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
  return { subject: t(`${template}.subject`), text, html };
}
