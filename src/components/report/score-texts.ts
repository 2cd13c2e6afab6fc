import { getT } from '../../lib/i18n/index.ts';
import { dimensions, type Dimension } from '../../lib/report/dimensions.ts';

/** The island's words in the page's language: it gets them as props and imports no i18n itself. */
export function scoreTexts(lang: string) {
  const t = getT(lang, 'report');
  return {
    labels: Object.fromEntries(dimensions.map((d) => [d, t(`dimensions.${d}`)])) as Record<Dimension, string>,
    text: { title: t('scores.title'), dimension: t('scores.dimension'), score: t('scores.score'), open: t('scores.open') },
  };
}
