// Every locales/<lng>/<namespace>.json, bundled at build time: adding a language is adding a
// folder; nothing is read from disk per request.
type Tree = { [key: string]: string | Tree | Tree[] | string[] };

const files = import.meta.glob<Tree>('../../../locales/*/*.json', { eager: true, import: 'default' });

export const resources: Record<string, Record<string, Tree>> = {};
for (const [file, content] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  (resources[lng] ??= {})[ns] = content;
}
