import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built server (`npm run build` first) on a fresh embedded database
// in Debian's Chromium: Playwright's own browser download is not possible here.
const port = Number(process.env['E2E_PORT'] ?? 4329);
const dataDir = process.env['E2E_DATA_DIR'] ?? 'test-results/e2e-data';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // A staff sign-in may wait up to 30 s for a fresh TOTP step when another test just used the code.
  timeout: 60_000,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The demo regions' own host names (oostveld.localhost, westmark.localhost) reach this server.
        '--host-resolver-rules=MAP *.localhost 127.0.0.1',
      ],
    },
  },
  webServer: {
    // A new data folder every run: the demo region is seeded exactly as on a fresh clone.
    command: `rm -rf ${dataDir} && node src/boot.ts`,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    // Migrating and seeding a fresh PGlite takes ~10 s alone, far longer on a busy 2-core machine.
    timeout: 180_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SMTP_URL: '',
      NODE_ENV: 'production',
      DEMO_DATA: 'true',
    },
    stdout: 'pipe',
  },
});
