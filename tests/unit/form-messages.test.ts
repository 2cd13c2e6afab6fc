import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A form with a field the browser would check itself (required, e-mail, date, min/max) must say
// `novalidate`: otherwise an empty send shows the browser's own bubble, in the browser's language,
// instead of our error summary and a message at each field (issue 22, the share form).
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(astro|svelte)$/.test(entry.name) ? [full] : [];
  });

// TextField says `required` unless told otherwise; NewPasswordField wraps a required one.
const browserChecked = /<(TextField|NewPasswordField)\b|\srequired\b|type="(email|date|time|number|url)"|\s(pattern|min|max)=/;

function formsLeftToTheBrowser(file: string, text: string): string[] {
  return [...text.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter(([, attributes, body]) => !/\snovalidate\b/.test(attributes!) && browserChecked.test(body!))
    .map((m) => `${file}:${text.slice(0, m.index).split('\n').length}`);
}

describe('forms speak with our own messages', () => {
  it('finds a form the browser would check', () => {
    expect(formsLeftToTheBrowser('x.astro', '<form method="post">\n<TextField name="a" label="A" /></form>')).toEqual(['x.astro:1']);
    expect(formsLeftToTheBrowser('x.astro', '<form method="post"><input type="email" name="e" /></form>')).toEqual(['x.astro:1']);
    expect(formsLeftToTheBrowser('x.astro', '<form method="post" novalidate><TextField name="a" label="A" /></form>')).toEqual([]);
    // A form with only a button (sign out, a switch) has nothing for the browser to check.
    expect(formsLeftToTheBrowser('x.astro', '<form method="post"><button>Uitloggen</button></form>')).toEqual([]);
  });

  it('every form in src with fields the browser checks says novalidate', () => {
    const found = sources('src').flatMap((file) => formsLeftToTheBrowser(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
