// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import purgecss from '@fullhuman/postcss-purgecss';
import { precompress } from './src/integrations/precompress.ts';

export default defineConfig({
  output: 'server',
  // Middleware mode: src/boot.ts serves the built assets from memory (http/static-files.ts) and
  // hands only page and action requests to Astro. The body limit is a backstop for bodies without
  // a length; src/lib/server/http/request-limits.ts refuses larger posts with 413 before anything
  // reads them (a sign-up step, the largest form, stays under 80 KB).
  // Pages render whole before the first byte is sent: a database error in any component then
  // still becomes the calm 503 page (src/lib/server/http/failures.ts), not a page cut off halfway;
  // and a whole page is compressed in one call rather than one per small chunk.
  adapter: node({ mode: 'middleware', bodySizeLimit: 128 * 1024, experimentalDisableStreaming: true }),
  integrations: [svelte(), precompress()],
  // Locale prefixes are handled in src/middleware.ts: Dutch pages live at `/`, the same pages
  // answer under `/en/...`, so a page exists once and cannot drift between languages.
  i18n: {
    locales: ['nl', 'en'],
    defaultLocale: 'nl',
    routing: 'manual',
  },
  security: {
    checkOrigin: true,
    actionBodySizeLimit: 80 * 1024,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
        // Astro sends this policy as a response header, so frame-ancestors takes effect here.
        "frame-ancestors 'none'",
      ],
    },
  },
  // The portal renders no Markdown code blocks, so no highlighter: Astro's default (Shiki) writes
  // inline styles that the CSP above would block, and it warns about that at every build.
  markdown: { syntaxHighlight: false },
  build: {
    // One external, content-hashed stylesheet cached for a year: a repeat view costs no CSS bytes,
    // and no stylesheet is hashed for the CSP header on every request.
    inlineStylesheets: 'never',
  },
  vite: {
    css: {
      postcss: {
        plugins: [
          // Only the NL Design System rules whose classes appear in our markup or scripts are shipped.
          purgecss({
            content: ['./src/**/*.{astro,ts,svelte}'],
          }),
        ],
      },
    },
  },
  // Sessions live in PostgreSQL (our own, Lucia-style) so several instances can serve one region;
  // Astro's store would keep them in files on one machine.
  session: false,
  devToolbar: { enabled: false },
});
