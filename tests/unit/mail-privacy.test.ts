import { describe, expect, it } from 'vitest';
import { mailTemplates, renderMail } from '../../src/lib/server/mail/templates.ts';
import { getT } from '../../src/lib/i18n/index.ts';
import { REVEALING } from '../builders/mail.ts';

const link = 'http://localhost:4321/aanmelden/verder/abc';
// Staff invitations go to the team, and partner reminders to the partner: never to a resident.
const residentTemplates = mailTemplates.filter((t) => t !== 'invitation' && !/^partnerSignup(Reminder|Deleted)$/.test(t));

describe('mail to a resident who said no to the service’s name', () => {
  for (const lang of ['nl', 'en']) {
    for (const template of residentTemplates) {
      it(`${template} (${lang}): sender, subject and body name nothing of the service`, () => {
        const mail = renderMail(
          template,
          lang,
          { link, code: 'HOG-F24WMT', name: 'Robin', details: ['Waar: Bij mij thuis'], until: '30 november 2026' },
          { discreet: true },
        );
        expect(mail.fromName).toBe(getT(lang, 'mail')('discreet.sender'));
        expect(mail.fromName).toMatch(/^\p{Lu}\p{Ll}+$/u); // a first name, nothing more
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(REVEALING);
        expect(mail.text).toContain(getT(lang, 'mail')('discreet.signature', { sender: mail.fromName }));
      });
    }
  }

  it('is the only case that changes the sender: everyone else gets MAIL_FROM as it is', () => {
    expect(renderMail('signupReceived', 'nl', { code: 'HOG-F24WMT' }).fromName).toBeNull();
  });

  it('differs from the named mail, which does say what the sign-up is for', () => {
    const named = renderMail('signupReceived', 'nl', { code: 'HOG-F24WMT' });
    expect(named.subject).toMatch(REVEALING);
    expect(named.text).toContain('Team Herstelgesprek');
  });

  it('repeats the choices as a list in both bodies, escaped in the html', () => {
    const mail = renderMail('signupChanged', 'nl', { details: ['Waar: <thuis>', 'Wanneer: dinsdag; middag'] }, { discreet: true });
    expect(mail.text).toContain('- Waar: <thuis>\n- Wanneer: dinsdag; middag');
    expect(mail.html).toContain('<ul><li>Waar: &#60;thuis&#62;</li><li>Wanneer: dinsdag; middag</li></ul>');
  });

  it('tells until when a cancel can be undone', () => {
    expect(renderMail('signupCancelled', 'en', { until: '30 November 2026' }, { discreet: true }).text).toContain('until 30 November 2026');
  });
});
