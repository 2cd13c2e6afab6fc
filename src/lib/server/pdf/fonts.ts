import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// Atkinson Hyperlegible (SIL Open Font License), made by the Braille Institute to be easy to read
// for people with low vision: it ships inside an npm package, so nothing is loaded from outside at
// run time, and it is embedded in every PDF (a reader needs no fonts of its own). The "latin"
// files cover Dutch and English (é, ë, ï ...).
const require = createRequire(import.meta.url);
const files = {
  regular: '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff',
  bold: '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff',
} as const;

export type FontWeight = keyof typeof files;

const cache = new Map<FontWeight, Promise<Uint8Array>>();

/** The font file's bytes, read once per process. */
export function fontBytes(weight: FontWeight): Promise<Uint8Array> {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFile(require.resolve(files[weight])).then((b) => new Uint8Array(b));
    cache.set(weight, bytes);
  }
  return bytes;
}
