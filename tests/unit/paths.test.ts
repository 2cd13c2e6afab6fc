import { describe, expect, it } from 'vitest';
import { localizePath, splitLocale } from '../../src/lib/i18n/paths.ts';

describe('language in the address', () => {
  it('reads Dutch from an address without prefix', () => {
    expect(splitLocale('/privacy')).toEqual({ lang: 'nl', path: '/privacy', prefixed: false });
    expect(splitLocale('/')).toEqual({ lang: 'nl', path: '/', prefixed: false });
  });
  it('reads another language from its prefix', () => {
    expect(splitLocale('/en/privacy')).toEqual({ lang: 'en', path: '/privacy', prefixed: true });
    expect(splitLocale('/en')).toEqual({ lang: 'en', path: '/', prefixed: true });
  });
  it('marks a /nl prefix so it can be redirected to the plain address', () => {
    expect(splitLocale('/nl/privacy')).toEqual({ lang: 'nl', path: '/privacy', prefixed: true });
  });
  it('does not take an unknown first segment for a language', () => {
    expect(splitLocale('/xx/privacy')).toEqual({ lang: 'nl', path: '/xx/privacy', prefixed: false });
    expect(splitLocale('/english')).toMatchObject({ lang: 'nl' });
  });
  it('builds the same page in another language', () => {
    expect(localizePath('/privacy', 'en')).toBe('/en/privacy');
    expect(localizePath('/', 'en')).toBe('/en');
    expect(localizePath('/privacy', 'nl')).toBe('/privacy');
    expect(localizePath('/privacy', 'xx')).toBe('/privacy');
  });
});
