import { describe, expect, it } from 'vitest';
import { resources } from '../../src/lib/i18n/resources.ts';
import { defaultLocale, languageMeta, locales } from '../../src/lib/i18n/locales.ts';

type Tree = unknown;

/** Every leaf as "ns:path" with the {{placeholders}} it uses; arrays keep their positions. */
function leaves(tree: Tree, prefix: string, out = new Map<string, string[]>()): Map<string, string[]> {
  if (typeof tree === 'string') {
    out.set(prefix, [...tree.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort());
  } else if (Array.isArray(tree)) {
    tree.forEach((item, i) => leaves(item, `${prefix}[${i}]`, out));
  } else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

const allLeaves = (lng: string) => {
  const out = new Map<string, string[]>();
  for (const [ns, tree] of Object.entries(resources[lng] ?? {})) leaves(tree, `${ns}:`, out);
  return out;
};

const reference = allLeaves(defaultLocale);

describe('locales', () => {
  it('include Dutch (the default) and English', () => {
    expect(locales[0]).toBe('nl');
    expect(locales).toContain('en');
    expect(reference.size).toBeGreaterThan(100);
  });

  for (const lng of locales.filter((l) => l !== defaultLocale)) {
    describe(lng, () => {
      const own = allLeaves(lng);
      it('has every key that Dutch has, and no other', () => {
        expect([...reference.keys()].filter((k) => !own.has(k))).toEqual([]);
        expect([...own.keys()].filter((k) => !reference.has(k))).toEqual([]);
      });
      it('uses the same placeholders in every text', () => {
        const differ = [...reference].filter(([k, names]) => own.has(k) && own.get(k)!.join() !== names.join());
        expect(differ).toEqual([]);
      });
      it('has no empty texts', () => {
        const empty = [...own.keys()].filter((k) => {
          const [ns, path] = k.split(':') as [string, string];
          return resolve(resources[lng]![ns], path) === '';
        });
        expect(empty).toEqual([]);
      });
      it('names itself and its writing direction', () => {
        expect(languageMeta(lng).name).not.toBe(lng);
        expect(['ltr', 'rtl']).toContain(languageMeta(lng).dir);
      });
    });
  }
});

function resolve(tree: Tree, path: string): unknown {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}
