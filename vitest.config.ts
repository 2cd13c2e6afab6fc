/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Dates in tests mean Amsterdam time, wherever the suite runs.
process.env.TZ = 'Europe/Amsterdam';

// The database suite runs once per driver: always on embedded PGlite, and on a real PostgreSQL
// when TEST_DATABASE_URL is set (CI sets it), so both code paths are proven by the same tests.
const databaseSuite = (driver: 'pglite' | 'postgres') => ({
  test: {
    name: `db:${driver}`,
    include: ['tests/integration/**/*.test.ts'],
    globalSetup: ['tests/integration/global-setup.ts'],
    env: { TEST_DB_DRIVER: driver },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

// Astro's Vite setup, so unit tests can render .astro pages with the container API.
export default getViteConfig({
  test: {
    reporters: ['default', './tests/database-suites-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      databaseSuite('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [databaseSuite('postgres')] : []),
    ],
  },
});
