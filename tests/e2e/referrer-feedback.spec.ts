import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { presets, signupProfile } from '../../src/lib/profile.ts';
import { demoAccountFor, giveTotpCode, signInWithPassword } from './accounts.ts';
import { freePort, startOwnServer, type OwnServer } from './own-server.ts';
import { addressIn, axeViolations, languages } from './pages.ts';
import { expectReflowAndKeyboard } from './reflow-and-keyboard.ts';

// Feedback to the referrer (issue 21, item 9), in the browser without JavaScript-only steps. The
// referral sign-ups are made here, in the portal's own database before it starts (the demo seeds no
// referral region yet): the demo partner Joyce also refers in Oostveld, and the three demo residents
// become her referrals. Sam's approved report goes back "unless she objects" and she did not; Kim
// objects before approving; Noor is asked at approval ("with consent").
test.describe.configure({ mode: 'serial', timeout: 420_000 });

const root = path.resolve(import.meta.dirname, '../..');
let port = 0;
const joyce = demoAccountFor('partner');
let server: OwnServer;
const ids: Record<'sam' | 'kim' | 'noor', string> = { sam: '', kim: '', noor: '' };

async function prepare(dataDir: string) {
  const child = spawn(process.execPath, ['src/boot.ts', '--prepare'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', DATA_DIR: dataDir, DEMO_DATA: 'true', PUBLIC_ORIGIN: `http://127.0.0.1:${port}` },
    stdio: 'ignore',
  });
  expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(0);
  const db = await PGlite.create(path.join(dataDir, 'pglite'));
  try {
    await db.query(
      `insert into memberships (user_id, region_id, role)
       select user_id, region_id, 'referrer' from memberships m join users u on u.id = m.user_id where u.email = $1 and m.role = 'partner'`,
      [joyce.email],
    );
    const refer = (reference: string, profile: object) =>
      db.query(
        `update registrations set source = 'partner', referral = true, partner_id = (select id from users where email = $1),
           referrer_practice = 'Huisartsenpraktijk Brinkhoek', profile = $2::jsonb where reference = $3`,
        [joyce.email, JSON.stringify(profile), reference],
      );
    await refer('HOG-DEM0V', signupProfile({ ...presets.amstelland.profile, afterContact: 'referrer' }, 'block', 'referral'));
    await refer('HOG-DEM1V', signupProfile(presets.amstelland.profile, 'block', 'referral'));
    await refer('HOG-DEM2V', signupProfile(presets.breburg.profile, 'block', 'referral'));
    // Kim's and Noor's reports are with them now (the text of Sam's, sealed with the same key).
    await db.query(
      `insert into reports (registration_id, conversation_id, status, sealed_content, sent_at)
       select r.id, c.id, 'with_resident', (select sealed_content from reports limit 1), now()
       from registrations r join conversations c on c.registration_id = r.id where r.reference in ('HOG-DEM1V', 'HOG-DEM2V')`,
    );
    const rows = (await db.query<{ id: string; reference: string }>(`select id, reference from registrations where reference like 'HOG-DEM%'`)).rows;
    const id = (reference: string) => rows.find((r) => r.reference === reference)!.id;
    Object.assign(ids, { sam: id('HOG-DEM0V'), kim: id('HOG-DEM1V'), noor: id('HOG-DEM2V') });
  } finally {
    await db.close();
  }
}

test.beforeAll(async () => {
  // Preparing a fresh database and starting a second portal take minutes on a busy machine.
  test.setTimeout(300_000);
  // A port of its own: a portal left from an interrupted run cannot answer in this one's place.
  port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hog-referrer-feedback-'));
  await prepare(dataDir);
  server = await startOwnServer(port, {}, dataDir);
});
test.afterAll(async () => server?.stop());

const as = async (browser: Browser, email: string, totpSecret?: string): Promise<Page> => {
  const page = await (await browser.newContext({ baseURL: server.origin })).newPage();
  await signInWithPassword(page, email);
  if (totpSecret) await giveTotpCode(page, email, totpSecret);
  return page;
};

async function checked(page: Page, address: string) {
  for (const lang of languages) {
    const response = await page.goto(addressIn(address, lang));
    expect(response?.status(), address).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    expect(await axeViolations(page), `${address} (${lang})`).toEqual([]);
    await expectReflowAndKeyboard(page, `${address} (${lang})`);
  }
}

test('Kim says no to her referrer on /mijn before approving, and it stays no', async ({ browser }) => {
  const kim = await as(browser, 'kim@oostveld.example');
  await kim.goto('/mijn');
  await expect(kim.getByText('Als jij het verslag goedkeurt, kan Joyce Bakker het lezen.')).toBeVisible();
  await kim.getByRole('button', { name: 'Ik wil niet dat Joyce Bakker het verslag krijgt' }).click();
  await expect(kim.getByRole('status')).toContainText('Joyce Bakker krijgt het verslag niet');
  // Undo is there until approval.
  await expect(kim.getByRole('button', { name: 'Joyce Bakker mag het verslag toch krijgen' })).toBeVisible();
  await checked(kim, '/mijn');
  await kim.goto('/mijn/verslag');
  await expect(kim.getByText('Je hebt gezegd: Joyce Bakker krijgt het verslag niet.')).toBeVisible();
  await checked(kim, '/mijn/verslag');
  await kim.goto('/mijn/verslag');
  await kim.getByRole('button', { name: 'Verslag goedkeuren' }).click();
  await expect(kim.getByText('Je hebt nee gezegd. Joyce Bakker krijgt het verslag niet. Dat blijft zo.')).toBeVisible();
  await expect(kim.getByRole('button', { name: /Joyce Bakker/ })).toHaveCount(0);
  await kim.context().close();
});

test('Noor is asked at approval, nothing ticked: no choice, no approval; yes lets it through', async ({ browser }) => {
  const noor = await as(browser, 'noor@oostveld.example');
  await noor.goto('/mijn/verslag');
  const yes = noor.getByLabel('Ja, Joyce Bakker mag het lezen');
  await expect(yes).not.toBeChecked();
  await expect(noor.getByLabel('Nee, Joyce Bakker krijgt het niet')).not.toBeChecked();
  await noor.getByRole('button', { name: 'Verslag goedkeuren' }).click();
  await expect(noor.getByRole('alert')).toContainText('Kies of Joyce Bakker je verslag mag lezen: ja of nee.');
  expect(await axeViolations(noor)).toEqual([]);
  await noor.getByLabel('Ja, Joyce Bakker mag het lezen').check();
  await noor.getByRole('button', { name: 'Verslag goedkeuren' }).click();
  await expect(noor.getByText('Je hebt ja gezegd. Joyce Bakker kan het goedgekeurde verslag lezen.', { exact: false })).toBeVisible();
  await noor.context().close();
});

test('the referrer reads and downloads what was let through; an objection is a 404, also by address', async ({ browser }) => {
  const gp = await as(browser, joyce.email, joyce.totpSecret);
  await gp.goto('/partner');
  const links = gp.getByRole('link', { name: /Verslag te lezen/ });
  await expect(links).toHaveCount(2);
  await expect(gp.getByRole('link', { name: 'Verslag te lezen: HOG-DEM0V' })).toHaveAttribute('href', `/partner/verslag/${ids.sam}`);
  await expect(gp.getByRole('link', { name: 'Verslag te lezen: HOG-DEM2V' })).toBeVisible();
  await checked(gp, `/partner/verslag/${ids.sam}`);
  await gp.goto(`/partner/verslag/${ids.sam}`);
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText('Verslag van Sam (HOG-DEM0V)');
  await expect(gp.getByText('De hond heet Bo.', { exact: false })).toBeVisible();
  await expect(gp.getByText('Neem contact op met Joyce Bakker (Huisartsenpraktijk Brinkhoek).', { exact: false })).toBeVisible();
  const pdf = await gp.request.get(`/partner/verslag/${ids.sam}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toContain('verslag-HOG-DEM0V-versie-1.pdf');
  for (const address of [`/partner/verslag/${ids.kim}`, `/partner/verslag/${ids.kim}/pdf`]) {
    expect((await gp.request.get(address, { maxRedirects: 0 })).status(), address).toBe(404);
  }
  await gp.context().close();
});

test('Sam sees in "wie keek" that her referrer read and downloaded it, and whom to contact', async ({ browser }) => {
  const sam = await as(browser, 'inwoner@oostveld.example');
  await sam.goto('/mijn/wie-keek');
  const rows = sam.getByRole('listitem').filter({ hasText: 'Joyce Bakker (Huisartsenpraktijk Brinkhoek), die jou heeft doorverwezen' });
  await expect(rows.filter({ hasText: 'downloadde je verslag als pdf' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'las je verslag' })).not.toHaveCount(0);
  await expect(rows.first()).toContainText('jij zei geen nee');
  await checked(sam, '/mijn/wie-keek');
  await sam.goto('/mijn');
  await expect(sam.getByText('Je hebt het verslag goedgekeurd. Joyce Bakker kan het lezen.', { exact: false })).toBeVisible();
  await expect(sam.getByText('Neem contact op met Joyce Bakker (Huisartsenpraktijk Brinkhoek).', { exact: false })).toBeVisible();
  await checked(sam, '/mijn');
  await checked(sam, '/mijn/verslag');
  await sam.context().close();
});
