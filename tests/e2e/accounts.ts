import { mkdirSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { expect, type Browser, type Cookie, type Page } from '@playwright/test';
import { demoAccounts, DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import { REAUTH_MS } from '../../src/lib/server/auth/session-rules.ts';
import type { Role } from '../../src/lib/server/db/schema/index.ts';

export type Credentials = { email: string; password: string; totpSecret?: string | undefined; roles: readonly Role[] };

/** The demo account that has exactly this role first (planner+worker only for planner). */
export function demoAccountFor(role: Role) {
  const account = demoAccounts.find((a) => a.roles[0] === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

/** The newest message to an address in the demo mailbox. */
export async function mailTo(page: Page, email: string) {
  await page.goto('/demo/postvak');
  const mail = page.locator('article', { hasText: `Aan: ${email}` }).first();
  await expect(mail).toBeVisible();
  return (await mail.locator('pre').textContent()) ?? '';
}

export async function signInWithPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

// The portal accepts each TOTP code once. Both Playwright workers sign in to the same demo
// accounts, so a worker claims an account's 30-second step (an exclusively created file) before
// it uses that step's code; a claimed step means waiting for the next one. A code the portal
// then refuses is a real failure, never a reason to try again.
const claims = path.join(tmpdir(), `hog-e2e-totp-${process.env['E2E_PORT'] ?? 4329}`);
mkdirSync(claims, { recursive: true });

/** A TOTP code for a step nobody else in this run has used for this account yet. */
export async function unusedTotpCode(email: string, secret: string): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    // Not in the last second of a step: the code must still be valid when the server sees it.
    if (Date.now() % 30_000 < 29_000) {
      try {
        closeSync(openSync(path.join(claims, `${email}-${step}`), 'wx'));
        return generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  }
}

/** Gives the second factor on /inloggen/code; a refused code fails the test with the page's message. */
export async function giveTotpCode(page: Page, email: string, secret: string) {
  await expect(page).toHaveURL(/\/inloggen\/code(\?|$)/);
  await page.getByLabel('Code uit de app of herstelcode').fill(await unusedTotpCode(email, secret));
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await page.waitForLoadState();
  if (new URL(page.url()).pathname.endsWith('/inloggen/code')) {
    const message = await page
      .getByRole('alert')
      .textContent()
      .catch(() => 'no message');
    throw new Error(`the portal refused a fresh TOTP code for ${email}: ${message}`);
  }
}

// Each staff sign-in spends a TOTP step of its own: up to 30 s of waiting when a test of this run
// just used the account (measured: 147 s of 7 min in the planning, partner and access specs). So a
// worker keeps the staff sessions it made and hands one to the next test signing in as the same
// account on the same address. Only while it is younger than the portal's window for sensitive
// actions, and only while it still works: a session a test signed out or ended gets a full sign-in.
const keptSessions = new Map<string, { cookies: Cookie[]; landing: string; at: number }>();

export async function signInWith(page: Page, account: Credentials) {
  if (!account.totpSecret) return signInWithPassword(page, account.email, account.password);
  await page.goto('/inloggen');
  const key = `${new URL(page.url()).origin} ${account.email}`;
  const kept = keptSessions.get(key);
  keptSessions.delete(key);
  if (kept && Date.now() - kept.at < REAUTH_MS - 60_000) {
    await page.context().addCookies(kept.cookies);
    await page.goto(kept.landing);
    if (!new URL(page.url()).pathname.includes('/inloggen')) return void keptSessions.set(key, kept);
  }
  await signInWithPassword(page, account.email, account.password);
  await giveTotpCode(page, account.email, account.totpSecret);
  keptSessions.set(key, { cookies: await page.context().cookies(page.url()), landing: page.url(), at: Date.now() });
}

/** Signs in as the demo account of a role; partners and team also give their TOTP code. */
export async function signInAs(page: Page, role: Role) {
  const account = demoAccountFor(role);
  await signInWith(page, { ...account, password: DEMO_PASSWORD });
}

/** Confirms a new account's address with the code mailed to it, then signs in: the page ends on /mijn. */
export async function confirmAccountAndSignIn(page: Page, email: string, password: string) {
  await page.goto('/demo/postvak');
  const mail = page
    .locator('article', { hasText: `Aan: ${email}` })
    .filter({ hasText: 'Bevestig je e-mailadres' })
    .first();
  const code = /^Code: (\d{6})$/m.exec((await mail.locator('pre').textContent()) ?? '')![1]!;
  await page.goto('/account-bevestigen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await signInWithPassword(page, email, password);
  await expect(page).toHaveURL(/\/mijn$/);
}

const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@oostveld.example`;

/** A new resident account, made and confirmed the way a resident does it, then signed in on `page`. */
export async function newResident(page: Page): Promise<Credentials> {
  const account = { email: unique('inwoner'), password: 'een eigen lange zin', roles: ['resident'] as Role[] };
  await page.goto('/account-maken');
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Account maken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig je e-mailadres');
  const code = /^Code: (\d{6})$/m.exec(await mailTo(page, account.email))?.[1];
  if (!code) throw new Error(`no confirmation code mailed to ${account.email}`);
  await page.goto('/account-bevestigen');
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('status')).toContainText('Je e-mailadres is bevestigd');
  await signInWithPassword(page, account.email, account.password);
  await expect(page).toHaveURL(/\/mijn$/);
  return account;
}

const roleLabel: Record<Exclude<Role, 'resident'>, string> = {
  partner: 'Partner',
  worker: 'HOG-medewerker',
  planner: 'Planner',
  admin: 'Beheerder',
  platform: 'Landelijk beheer',
  referrer: 'Verwijzer',
};

/**
 * A new partner or team account with exactly one role, invited by the demo admin (`admin` is a page
 * signed in as that admin); it chooses a password and sets up the authenticator app in a browser
 * context of its own, and is left signed in there (its code was just used, so signing in again
 * would wait for the next step). Close the returned page's context when done.
 */
export async function newStaff(admin: Page, browser: Browser, baseURL: string, role: Exclude<Role, 'resident'>): Promise<{ account: Credentials; page: Page }> {
  const account = { email: unique(role), password: 'een lange zin voor het team', roles: [role] as Role[] };
  await admin.goto('/team/beheer');
  await admin.getByLabel('Naam').fill(`Nieuw ${role}`);
  await admin.getByLabel('E-mailadres').fill(account.email);
  await admin.getByLabel(roleLabel[role], { exact: true }).check();
  await admin.getByRole('button', { name: 'Uitnodiging sturen' }).click();
  await expect(admin.getByRole('status')).toContainText(account.email);
  const link = /http\S+\/uitnodiging\/[a-z2-7]{32}/.exec(await mailTo(admin, account.email))?.[0];
  if (!link) throw new Error(`no invitation mailed to ${account.email}`);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Nieuw wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page.getByRole('status')).toContainText('Je wachtwoord is opgeslagen.');
  await signInWithPassword(page, account.email, account.password);
  await expect(page).toHaveURL(/\/inloggen\/instellen$/);
  const totpSecret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('Code', { exact: true }).fill(await unusedTotpCode(account.email, totpSecret));
  await page.getByRole('button', { name: 'Instellen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bewaar je herstelcodes');
  return { account: { ...account, totpSecret }, page };
}
