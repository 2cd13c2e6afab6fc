// Every locales/<lng>/<namespace>.json, bundled at build time: adding a language is adding a
// folder; nothing is read from disk per request.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Tree = { [key: string]: string | Tree | Tree[] | string[] };

/**
 * The same files read from disk, for code Node runs without Vite: the housekeeping in src/boot.ts
 * writes mail (to a partner) and so needs the sentences too. Vite always has `import.meta.env`.
 */
function fromDisk(): Record<string, Tree> {
  const root = fileURLToPath(new URL('../../../locales/', import.meta.url));
  const found: Record<string, Tree> = {};
  for (const lng of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, lng)).filter((f) => f.endsWith('.json'))) {
      found[`../../../locales/${lng}/${file}`] = JSON.parse(readFileSync(path.join(root, lng, file), 'utf8')) as Tree;
    }
  }
  return found;
}

const files: Record<string, Tree> = import.meta.env ? import.meta.glob<Tree>('../../../locales/*/*.json', { eager: true, import: 'default' }) : fromDisk();

export const resources: Record<string, Record<string, Tree>> = {};
for (const [file, content] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  (resources[lng] ??= {})[ns] = content;
}
