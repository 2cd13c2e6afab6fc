import { defineConfig } from 'drizzle-kit';

// Used only by `npm run db:generate`; paths are relative to the repository root.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/lib/server/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
