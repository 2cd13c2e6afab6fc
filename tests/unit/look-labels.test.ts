import { describe, expect, it } from 'vitest';
import { lookLabel, lookLabels } from '../../src/lib/server/audit/look-kinds.ts';
import { logAccess } from '../../src/lib/server/audit/log.ts';
import { lookAuthorities } from '../../src/lib/server/audit/who-looked.ts';
import { resources } from '../../src/lib/i18n/resources.ts';
import { locales } from '../../src/lib/i18n/locales.ts';

// A resident's "wie keek" must say in words what happened, never an internal code. Every action
// that may be logged on a sign-up or report is in look-kinds.ts (logAccess's type takes no other),
// so a label missing in any language fails here.

type Tree = { [key: string]: Tree | string };
const looked = (lng: string) => (resources[lng]!['report'] as Tree)['looked'] as Tree;
const at = (tree: Tree, path: string[]): unknown => path.reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

describe('"wie keek" words', () => {
  for (const lng of locales) {
    describe(lng, () => {
      it('has a label for every action logged on a sign-up or report', () => {
        const missing: string[] = [];
        for (const [what, table] of Object.entries(lookLabels))
          for (const [action, label] of Object.entries(table)) {
            const text = at(looked(lng), ['did', what, label]);
            if (typeof text !== 'string' || text.trim() === '' || text.includes('.') || text.includes('_')) missing.push(`${what} ${action}`);
          }
        expect(missing).toEqual([]);
      });

      it('keeps no label that no action uses, and has words for an action from before', () => {
        for (const [what, table] of Object.entries(lookLabels)) {
          const used = new Set<string>(Object.values(table));
          expect(Object.keys(at(looked(lng), ['did', what]) as Tree).filter((k) => !used.has(k))).toEqual([]);
          expect(at(looked(lng), ['unknown', what])).toEqual(expect.any(String));
        }
      });

      it('says for every right why someone was allowed, and who the naaste and the portal are', () => {
        for (const authority of lookAuthorities) expect(at(looked(lng), ['authorities', authority])).toEqual(expect.any(String));
        for (const who of ['you', 'naaste', 'code', 'portal', 'unnamed']) expect(at(looked(lng), [who])).toEqual(expect.any(String));
      });
    });
  }

  it('finds the label of an action by its object, and none for an unknown or inherited name', () => {
    expect(lookLabel('registration', 'planning.propose')).toBe('proposed');
    expect(lookLabel('registration', 'invitation.viewed')).toBe('invitationViewed');
    expect(lookLabel('report', 'viewed')).toBe('viewed');
    expect(lookLabel('report', 'planning.propose')).toBeNull();
    expect(lookLabel('registration', 'toString')).toBeNull();
  });

  it('lets logAccess take no unlisted action on a sign-up or report (checked by npm run check)', () => {
    // Never called: the type check fails if these lines stop being errors.
    const typeOnly = () => {
      // @ts-expect-error an action without words in "wie keek"
      void logAccess(null as never, { object: 'registration:r1', action: 'registration.peeked', authority: 'self' });
      // @ts-expect-error a sign-up's action on a report
      void logAccess(null as never, { object: 'report:p1', action: 'planning.propose', authority: 'self' });
      void logAccess(null as never, { object: 'session', action: 'auth.anything', authority: 'self' });
    };
    expect(typeOnly).toBeTypeOf('function');
  });
});
