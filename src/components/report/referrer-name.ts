import { getT } from '../../lib/i18n/index.ts';
import type { Referrer } from '../../lib/server/referrer/feedback.ts';

/** How the resident's pages name their referrer: by name, else the practice, else "your referrer". */
export const referrerName = (r: Referrer, lang: string): string => r.name || r.practice || getT(lang, 'report')('feedback.someone');
