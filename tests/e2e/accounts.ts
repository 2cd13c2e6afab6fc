import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { expect, type Page } from '@playwright/test';
import { demoAccounts, DEMO_PASSWORD } from '../../src/lib/server/demo/accounts.ts';
import type { Role } from '../../src/lib/server/db/schema/index.ts';

/** The demo account that has exactly this role first (planner+worker only for planner). */
export function demoAccountFor(role: Role) {
  const account = demoAccounts.find((a) => a.roles[0] === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

export async function signInWithPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

/** Signs in as the demo account of a role; partners and team also give their TOTP code. */
export async function signInAs(page: Page, role: Role) {
  const account = demoAccountFor(role);
  await signInWithPassword(page, account.email);
  if (!account.totpSecret) return;
  await expect(page).toHaveURL(/\/inloggen\/code$/);
  // Each code counts once (replay protection): another test may just have used this one, so on
  // a refusal wait for the next 30-second step.
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel('Code uit de app of herstelcode').fill(generateTOTP(decodeBase32IgnorePadding(account.totpSecret), 30, 6));
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    await page.waitForLoadState();
    if (!new URL(page.url()).pathname.endsWith('/inloggen/code')) return;
    await expect(page.getByRole('alert')).toContainText('Deze code klopt niet of werkt niet meer.');
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error(`TOTP sign-in failed for ${role}`);
}
