import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import NotFound from '../../src/pages/404.astro';
import ServerError from '../../src/pages/500.astro';

const signedOut = (lang: string): App.Locals => ({
  lang,
  path: '/',
  user: null,
  session: null,
  twoFactorPending: false,
  ipPrefix: null,
  region: null,
  regionFromHost: false,
});

// The 500 page cannot be reached on purpose in the running portal, so it is rendered here, with
// no database at all: the frame must still render when the database is what failed.
describe('error pages', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it.each([
    ['nl', 'Er ging iets mis', 'Dit ligt niet aan jou.'],
    ['en', 'Something went wrong', 'This is not your fault.'],
  ])('the 500 page speaks %s, keeps the crisis numbers and shows no internals', async (lang, title, body) => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(ServerError, { locals: signedOut(lang) });
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
    expect(html).toContain(body);
    expect(html).toContain('href="tel:113"');
    expect(html).not.toMatch(/Error:|at .*\.ts:\d+/);
  });

  it('the 404 page sets its status and speaks the page language', async () => {
    const container = await AstroContainer.create();
    const response = await container.renderToResponse(NotFound, { locals: signedOut('en') });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('This page does not exist');
  });
});
