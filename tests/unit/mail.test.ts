import { describe, expect, it } from 'vitest';
import { mailTemplates, renderMail } from '../../src/lib/server/mail/templates.ts';
import { MAX_ATTEMPTS, retryDelayMs } from '../../src/lib/server/mail/retry.ts';

const link = 'https://hog.example.nl/wachtwoord-herstellen/abc';

describe('mail templates', () => {
  for (const lang of ['nl', 'en']) {
    for (const template of mailTemplates) {
      it(`${template} in ${lang}: subject, text and html, the link and code in both bodies`, () => {
        const mail = renderMail(template, lang, { link, code: '123456', name: 'Sam' });
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.subject).not.toContain('123456');
        expect(mail.text).toContain(link);
        expect(mail.text).toContain('123456');
        expect(mail.html).toContain(`href="${link}"`);
        expect(mail.html).toContain(`<html lang="${lang}">`);
        // No images, no styles from elsewhere, no other links.
        expect(mail.html).not.toMatch(/<img|<link|src=/);
        expect(mail.html.match(/https?:\/\//g)).toHaveLength(1);
      });
    }
  }
  it('escapes what a person typed', () => {
    const mail = renderMail('invitation', 'nl', { name: '<script>alert(1)</script>', link });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
  });
});

describe('mail retries', () => {
  it('wait longer after each failure and give up after eight tries', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map(retryDelayMs);
    expect(delays[0]).toBe(60_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
  });
});
