// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';

export default defineConfig({
  output: 'server',
  // Backstops for bodies without a length; src/lib/server/http/request-limits.ts refuses larger
  // posts with 413 before anything reads them (a sign-up step, the largest form, stays under 80 KB).
  // Pages render whole before the first byte is sent: a database error in any component then
  // still becomes the calm 503 page (src/lib/server/http/failures.ts), not a page cut off halfway.
  adapter: node({ mode: 'standalone', bodySizeLimit: 128 * 1024, experimentalDisableStreaming: true }),
  integrations: [svelte()],
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
    // Our CSS is small; inlining it saves a request on a slow phone, and CSP hashes cover it.
    inlineStylesheets: 'always',
  },
  // Sessions live in PostgreSQL (our own, Lucia-style) so several instances can serve one region;
  // Astro's store would keep them in files on one machine.
  session: false,
  devToolbar: { enabled: false },
});
