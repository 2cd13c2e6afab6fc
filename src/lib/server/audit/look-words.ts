import type { TFunction } from 'i18next';
import type { Look } from './who-looked.ts';

// A look as the resident reads it: "<who> <did what>." and why that was allowed. The page and the
// tests use the same words, so a test can read "wie keek" as the resident does.

export type LookWords = { who: string; did: string; why: string };

/** `t`: the report namespace in the resident's language. */
export function lookWords(t: TFunction, l: Look): LookWords {
  return { who: whoText(t, l), did: l.label ? t(`looked.did.${l.what}.${l.label}`) : t(`looked.unknown.${l.what}`), why: whyText(t, l) };
}

function whoText(t: TFunction, l: Look): string {
  if (l.who.kind === 'person') {
    const about = [t(`looked.roles.${l.who.role}`, { defaultValue: '' }), l.who.organisation].filter(Boolean).join(', ');
    const name = l.who.name ?? t('looked.unnamed');
    return about ? t('looked.person', { name, about }) : name;
  }
  if (l.who.kind === 'referrer')
    return l.who.organisation
      ? t('looked.referrer', { name: l.who.name ?? '', practice: l.who.organisation })
      : t('looked.referrerNoPractice', { name: l.who.name ?? '' });
  if (l.who.kind === 'recipient') return t('looked.recipient', { name: l.who.name, relation: t(`relations.${l.who.role}`, { defaultValue: l.who.role }) });
  return t(`looked.${l.who.kind === 'self' ? 'you' : l.who.kind}`);
}

function whyText(t: TFunction, l: Look): string {
  const why = t(`looked.authorities.${l.authority}`);
  // A referrer's read names the rule that let it through ("jij zei geen nee").
  if (l.rule) return `${why}: ${t(`looked.referrerRules.${l.rule}`, { defaultValue: '' })}.`;
  return l.reason ? `${why} ${t('looked.reason', { reason: l.reason })}` : why;
}
