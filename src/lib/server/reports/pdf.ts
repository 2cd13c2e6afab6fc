import { renderDocument, type Block } from '../pdf/index.ts';
import { dimensions } from '../../report/dimensions.ts';
import type { Offer } from './offers.ts';
import type { ApprovedVersion } from './resident.ts';
import { formOf, questionsFor } from './rules.ts';

// The approved report as a PDF (the same module as the partner's letter): real text in an
// embedded font, nothing loaded from outside. PDF text is drawn, never parsed as markup, so a
// payload in the report stays text here too.
type T = (key: string, values?: Record<string, unknown>) => string;

const paragraphs = (text: string): Block[] =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => ({ kind: 'paragraph', text: p }));

/** `after`: whom to contact after the conversation (referrer/after-contact.ts), the report's last part. */
export function reportPdf(
  version: ApprovedVersion,
  offers: Offer[],
  lang: string,
  t: T,
  date: string,
  after?: { title: string; text: string },
): Promise<Uint8Array> {
  const { content } = version;
  const section = (title: string, text: string): Block[] => [{ kind: 'heading', level: 2, text: title }, ...(text ? paragraphs(text) : paragraphs(t('view.empty')))];
  const blocks: Block[] = [
    { kind: 'heading', text: t('resident.title') },
    { kind: 'paragraph', text: t('resident.versionLine', { version: version.version, date }) },
    ...questionsFor(formOf(content)).flatMap((q) => section(t(`questions.${q}`), content.answers[q] ?? '')),
    ...section(t('fields.strengths'), content.strengths),
    ...section(t('fields.nextSteps'), content.nextSteps),
    ...offers.map((o): Block => ({ kind: 'paragraph', text: `${o.name}: ${o.description}${o.url ? ` (${o.url})` : ''}` })),
  ];
  if (content.scores) {
    blocks.push({ kind: 'heading', level: 2, text: t('fields.scores') });
    for (const d of dimensions) blocks.push({ kind: 'paragraph', text: `${t(`dimensions.${d}`)}: ${content.scores[d] ?? t('scores.open')}` });
  }
  if (content.addition) blocks.push(...section(t('fields.addition'), content.addition));
  if (after) blocks.push(...section(after.title, after.text));
  return renderDocument({ title: t('resident.title'), lang }, blocks);
}
