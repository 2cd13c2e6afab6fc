import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { server } from '../../src/actions/index.ts';
import { protectedActions, protectedPages, publicActions } from '../../src/lib/server/auth/access.ts';
import { publicPages } from '../../src/lib/routes.ts';
import { actionExpectations, pageExpectations } from '../expectations/access.ts';

// The route table must name every action and page; the e2e walk then checks each for every role.
function actionNames(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'function' ? [`${prefix}${key}`] : actionNames(value as object, `${prefix}${key}.`)));
}

function pageRoutes(dir: string, base = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return pageRoutes(path.join(dir, entry.name), `${base}/${entry.name}`);
    const name = entry.name.replace(/\.(astro|ts)$/, '');
    return [name === 'index' ? base || '/' : `${base}/${name}`];
  });
}

describe('route table', () => {
  it('lists every action as protected or as public, never both', () => {
    const all = actionNames(server).sort();
    const listed = [...Object.keys(protectedActions), ...publicActions].sort();
    expect(all).toEqual(listed);
  });

  it('knows every page: protected, public, or one of the pages that guard themselves otherwise', () => {
    const known = new Set<string>([
      ...Object.values(protectedPages).map((p) => p.path),
      ...publicPages,
      // Error pages, health, sign-in and sign-up flows, pages opened from e-mail links, the demo mailbox.
      '/404',
      '/500',
      '/geen-toegang',
      '/niet-beschikbaar',
      '/niet-verwerkt',
      '/health',
      '/health/live',
      '/sessie',
      '/inloggen',
      '/inloggen/code',
      '/inloggen/instellen',
      '/bevestigen',
      '/account-maken',
      '/account-bevestigen',
      '/account-bevestigen/[token]',
      '/wachtwoord-vergeten',
      '/wachtwoord-herstellen/[token]',
      '/uitnodiging/[token]',
      '/email-wijzigen/[token]',
      '/naaste/[token]',
      '/demo/postvak',
      '/aanmelden',
      '/aanmelden/[stap]',
      '/aanmelden/later',
      '/aanmelden/buiten-de-regeling',
      // The confirmation after the last step: its short-lived cookie (done-cookie.ts) is the guard.
      '/aanmelden/klaar',
      // A region that works by referral only: how to be referred.
      '/aanmelden/verwijzing',
      // The national pages' region choice: by postcode, or a region from the list.
      '/regio',
      '/regio/[slug]',
      '/aanmelden/verder/[token]',
      // The partner's steps (the table names the first, /partner/aanmelden/over-jou) and the
      // letter (a POST answering a PDF) call requirePage('partnerSignup') themselves.
      '/partner/aanmelden/[stap]',
      '/partner/brief',
      // The resident confirms a partner's sign-up with a code or a mailed link: no account yet.
      '/bevestigen-aanmelding',
      '/bevestigen-aanmelding/[token]',
      // A shared report: the link and its access code are the guard (sharing/open.ts).
      '/gedeeld/[token]',
    ]);
    const pages = pageRoutes(path.resolve(import.meta.dirname, '../../src/pages'));
    expect(pages.filter((p) => !known.has(p))).toEqual([]);
  });

  // The e2e walk checks the running portal against the expectations; this keeps the route table
  // (what the guards use) and the expectations (what the domain says) from drifting apart silently.
  it('gives every protected page exactly the roles the domain expects', () => {
    const table = Object.fromEntries(Object.values(protectedPages).map((p) => [p.path, [...p.roles].sort()]));
    const expected = Object.fromEntries(Object.entries(pageExpectations).map(([path, roles]) => [path, [...roles].sort()]));
    expect(table).toEqual(expected);
  });

  it('gives every protected action exactly the roles the domain expects', () => {
    const table = Object.fromEntries(Object.entries(protectedActions).map(([name, roles]) => [name, [...roles].sort()]));
    const expected = Object.fromEntries(Object.entries(actionExpectations).map(([name, roles]) => [name, [...roles].sort()]));
    expect(table).toEqual(expected);
  });
});
