import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';

const compressible = /\.(css|js|mjs|svg|json|txt|html)$/;

/**
 * Writes a .br and a .gz beside every text asset of the client build, at the highest settings:
 * they are made once, so the server only picks the right file per request (http/static-files.ts).
 */
export function precompress(): AstroIntegration {
  return {
    name: 'hog:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // `dir` is the client folder for a server build.
        const root = fileURLToPath(dir);
        const files = (await readdir(root, { recursive: true })).filter((f) => compressible.test(f));
        for (const file of files) {
          const full = path.join(root, file);
          const raw = await readFile(full);
          await writeFile(`${full}.gz`, gzipSync(raw, { level: 9 }));
          await writeFile(
            `${full}.br`,
            brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
          );
        }
        logger.info(`precompressed ${files.length} files (.br, .gz)`);
      },
    },
  };
}
