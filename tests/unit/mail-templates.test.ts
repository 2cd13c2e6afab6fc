import { describe, expect, it } from 'vitest';
import { mailTemplates, renderMail } from '../../src/lib/server/mail/templates.ts';

const link = 'http://localhost:4321/en/wachtwoord-herstellen/abc?x=1&y=2';
const code = '482913';

describe('mail templates', () => {
  for (const lang of ['nl', 'en']) {
    for (const template of mailTemplates) {
      describe(`${template} (${lang})`, () => {
        const mail = renderMail(template, lang, { link, code, name: 'Sam' });

        it('has a subject, a text and an html body, signed by the team under MAIL_FROM', () => {
          expect(mail.fromName).toBeNull();
          expect(mail.subject.trim()).not.toBe('');
          expect(mail.text.trim()).not.toBe('');
          expect(mail.html).toMatch(new RegExp(`^<!doctype html><html lang="${lang}">`));
          expect(mail.text).toContain(lang === 'nl' ? 'Team Herstelgesprek' : 'team');
        });

        it('shows the code in both bodies and never in the subject, which inboxes show to anyone nearby', () => {
          expect(mail.text).toContain(code);
          expect(mail.html).toContain(code);
          expect(mail.subject).not.toContain(code);
        });

        it('shows the link in full in the text and as the one <a> in the html', () => {
          expect(mail.text).toContain(`\n${link}\n`);
          expect(mail.html).toContain(`<a href="${link.replace('&', '&#38;')}">`);
          expect(mail.html.match(/<a /g)).toHaveLength(1);
        });

        it('loads nothing and links nowhere else', () => {
          expect(mail.html).not.toMatch(/<img|<link|<style|<script|src=|style=/i);
          expect(mail.html.match(/https?:\/\/[^"<\s]+/g)).toEqual([link.replace('&', '&#38;')]);
        });
      });
    }
  }

  it('leaves out the code and the link when a message has none', () => {
    const mail = renderMail('passwordChanged', 'nl', {});
    expect(mail.html).not.toContain('<a ');
    expect(mail.html).not.toMatch(/https?:/);
    expect(mail.text).not.toMatch(/code/i);
  });

  it('escapes what a person typed in the html, and keeps it readable in the text', () => {
    const name = '<script>alert("x")</script> & Co';
    const mail = renderMail('invitation', 'nl', { name, link });
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co');
    expect(mail.text).toContain(`Hallo ${name},`);
  });

  it('refuses a link that is not an absolute web address', () => {
    expect(() => renderMail('passwordReset', 'nl', { link: 'javascript:alert(1)' })).toThrow(/absolute http/);
    expect(() => renderMail('passwordReset', 'nl', { link: '/wachtwoord-herstellen/abc' })).toThrow(/absolute http/);
  });

  it('writes Dutch for nl and English for en, with the Dutch closing line where it fits', () => {
    expect(renderMail('emailConfirmation', 'nl', { code, link }).text).toContain('Heb je dit niet aangevraagd? Dan hoef je niets te doen.');
    expect(renderMail('emailConfirmation', 'en', { code, link }).subject).toBe('Confirm your e-mail address');
  });

  it('does not name the new address in the notice to the old one', () => {
    const mail = renderMail('emailChangedNotice', 'nl', {});
    expect(mail.text).not.toMatch(/@/);
  });
});

describe('a mail about a sign-up of a region', () => {
  const region = { name: 'Regio Westmark', contactPhone: '0315 000 000', contactEmail: 'hog@westmark.example' };

  it('is signed with the region and ends with its contact, in both bodies', () => {
    const mail = renderMail('signupReceived', 'nl', { code, name: 'Sam' }, { region });
    expect(mail.text).toContain('Vragen? Bel 0315 000 000 of mail naar hog@westmark.example.');
    expect(mail.text.trimEnd().endsWith('Team Herstelgesprek Regio Westmark')).toBe(true);
    expect(mail.html).toContain('<p>Team Herstelgesprek Regio Westmark</p>');
    expect(renderMail('signupReceived', 'en', { code }, { region }).text).toContain('Questions? Call 0315 000 000 or e-mail hog@westmark.example.');
  });

  it('names no region and no e-mail address when the resident asked for discreet mail, but does give the phone number', () => {
    const mail = renderMail('signupReceived', 'nl', { code, name: 'Sam' }, { region, discreet: true });
    expect(mail.text).not.toContain('Westmark');
    expect(mail.text).not.toContain('hog@');
    // A phone number says nothing of the service, and "call us" without one leaves a reader stuck.
    expect(mail.text).toContain('Vragen? Bel 0315 000 000.');
  });
});
