import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailTemplates, renderMail, type MailTemplate, type MailValues } from '../../src/lib/server/mail/templates.ts';
import { REVEALING } from '../builders/mail.ts';

// Every kind of mail, as its caller writes it, in both modes (named and discreet) and both
// languages, read for what a person needs to trust it: who sends it, why they get it, what to do
// (a link or a phone number), a greeting with their name, and no holes ("undefined", "{{", an
// empty name). Set MAIL_DUMP_DIR to write each rendered text there, to read them as a person would.

const region = { name: 'Regio Westmark', contactPhone: '0315 000 000', contactEmail: 'hog@westmark.example' };
const link = 'https://portaal.example/pad/abc';

type Reader = 'resident' | 'naaste' | 'staff' | 'partner' | 'recipient';
/** How the mail is sent: to whom, with what, and the words that say why in nl and en. */
type Case = { reader: Reader; values: MailValues; why: [RegExp, RegExp]; todo: 'link' | 'phone' };

const moment = ['dinsdag 8 december 2026 om 14:00, 60 minuten', 'Bij Robin thuis, Dorpsstraat 1'];
const cases: Record<MailTemplate, Case> = {
  emailConfirmation: { reader: 'resident', values: { name: 'Robin', code: '482913', link }, why: [/account gemaakt/, /created an account/], todo: 'link' },
  accountExists: {
    reader: 'resident',
    values: { name: 'Robin', link },
    why: [/account maken met dit e-mailadres/, /create an account with this/],
    todo: 'link',
  },
  passwordReset: { reader: 'resident', values: { name: 'Robin', link }, why: [/gevraagd om een nieuw wachtwoord/, /asked for a new password/], todo: 'link' },
  passwordChanged: {
    reader: 'resident',
    values: { name: 'Robin', link },
    why: [/wachtwoord .* is net veranderd/, /password .* has just changed/],
    todo: 'link',
  },
  emailChangeConfirm: {
    reader: 'resident',
    values: { name: 'Robin', link },
    why: [/Je wilt dit e-mailadres gebruiken/, /You want to use this e-mail/],
    todo: 'link',
  },
  emailChangedNotice: {
    reader: 'resident',
    values: { name: 'Robin' },
    why: [/e-mailadres van je account is veranderd/, /e-mail address of your account has changed/],
    todo: 'phone',
  },
  invitation: { reader: 'staff', values: { name: 'Anna', link }, why: [/Je bent uitgenodigd/, /You are invited/], todo: 'link' },
  signupReceived: {
    reader: 'resident',
    values: { name: 'Robin', reference: 'HOG-F24WMT', details: ['Waar: Bij mij thuis'] },
    why: [/Je hebt je aangemeld|Je hebt ons een bericht gestuurd/, /You signed up|You sent us a message/],
    todo: 'phone',
  },
  signupChanged: {
    reader: 'resident',
    values: { name: 'Robin', reference: 'HOG-F24WMT', details: ['Waar: Bij mij thuis'] },
    why: [/aanmelding .* gewijzigd|gegevens bij ons aangepast/, /changed your sign-up|updated your details/],
    todo: 'phone',
  },
  signupCancelled: {
    reader: 'resident',
    values: { name: 'Robin', reference: 'HOG-F24WMT', until: '30 november 2026' },
    why: [/Je hebt .*afgezegd|Je hebt je afgemeld/, /You have cancelled/],
    todo: 'phone',
  },
  cancelUndone: {
    reader: 'resident',
    values: { name: 'Robin', reference: 'HOG-F24WMT' },
    why: [/afmelding teruggedraaid/, /undid your cancellation/],
    todo: 'phone',
  },
  resumeSignup: { reader: 'resident', values: { link }, why: [/begonnen met aanmelden/, /started signing up/], todo: 'link' },
  partnerSignupConfirm: {
    reader: 'resident',
    values: { name: 'Robin', sender: 'Fatima de Vries', reference: 'HOG-86VY9D', code: '603228', link },
    why: [/Fatima de Vries heeft samen met jou een aanmelding/, /Fatima de Vries filled in a sign-up .*together with you/],
    todo: 'link',
  },
  partnerSignupReminder: {
    reader: 'partner',
    values: { name: 'Fatima', reference: 'HOG-86VY9D', link },
    why: [/nog niet bevestigd/, /not confirmed the sign-up yet/],
    todo: 'link',
  },
  partnerSignupDeleted: {
    reader: 'partner',
    values: { name: 'Fatima', reference: 'HOG-86VY9D', link },
    why: [/niet bevestigd binnen 30 dagen/, /did not confirm .* within 30 days/],
    todo: 'link',
  },
  momentsProposed: {
    reader: 'resident',
    values: { name: 'Robin', details: [moment[0]!], link },
    why: [/Je hebt je aangemeld|Je hebt ons een bericht gestuurd/, /You signed up|You sent us a message/],
    todo: 'link',
  },
  conversationConfirmed: {
    reader: 'resident',
    values: { name: 'Robin', details: moment, link },
    why: [/afgesproken|staat vast/, /is planned|is set/],
    todo: 'link',
  },
  duoConfirmed: { reader: 'staff', values: { name: 'Anna', details: moment, link }, why: [/een van de twee/, /one of the two/], todo: 'link' },
  naasteInvitation: {
    reader: 'naaste',
    values: { name: 'Lotte', sender: 'Robin', details: moment, link },
    why: [/Robin wil graag dat je meekomt/, /Robin would like you to come along/],
    todo: 'link',
  },
  naasteWithdrawn: {
    reader: 'naaste',
    values: { name: 'Lotte', sender: 'Robin', details: [moment[0]!] },
    why: [/Robin had je uitgenodigd/, /Robin had invited you/],
    todo: 'phone',
  },
  naasteCancelled: {
    reader: 'naaste',
    values: { name: 'Lotte', sender: 'Robin', details: [moment[0]!] },
    why: [/Robin had je uitgenodigd/, /Robin had invited you/],
    todo: 'phone',
  },
  naasteReminder: {
    reader: 'naaste',
    values: { name: 'Lotte', sender: 'Robin', details: moment },
    why: [/Je hebt gezegd dat je meekomt naar (het gesprek|de afspraak) van Robin/, /You said you will come along to Robin's (conversation|appointment)/],
    todo: 'phone',
  },
  conversationReminder: {
    reader: 'resident',
    values: { name: 'Robin', details: moment, link },
    why: [/Dit is een herinnering/, /This is a reminder/],
    todo: 'link',
  },
  conversationChanged: {
    reader: 'staff',
    values: { name: 'Anna', details: ['De inwoner heeft afgezegd.'], link },
    why: [/een van de twee/, /one of the two/],
    todo: 'link',
  },
  reportReady: {
    reader: 'resident',
    values: { name: 'Robin', link },
    why: [/naar jou gestuurd|Na onze afspraak staat er iets voor je klaar/, /sent it to you|After our appointment, something is ready/],
    todo: 'link',
  },
  shareInvitation: {
    reader: 'recipient',
    values: { name: 'Dokter Jansen', sender: 'Robin', link },
    why: [/Robin deelt .* met je[^.]*\. Robin koos zelf/, /Robin shares .* with you[^.]*\. Robin chose/],
    todo: 'link',
  },
  shareOpened: {
    reader: 'resident',
    values: { name: 'Robin', sender: 'Dokter Jansen', link },
    why: [/Dokter Jansen heeft .*geopend/, /Dokter Jansen has just opened/],
    todo: 'link',
  },
  reportApproved: { reader: 'resident', values: { name: 'Robin' }, why: [/aan de telefoon gezegd/, /said on the phone/], todo: 'phone' },
};

const dumpDir = process.env['MAIL_DUMP_DIR'];

describe('every mail kind says who sends it, why, and what to do', () => {
  it('has a case for every template', () => {
    expect(Object.keys(cases).sort()).toEqual([...mailTemplates].sort());
  });

  for (const template of mailTemplates) {
    const c = cases[template];
    for (const [i, lang] of (['nl', 'en'] as const).entries()) {
      for (const discreet of [false, true]) {
        it(`${template} (${lang}, ${discreet ? 'discreet' : 'named'})`, () => {
          const mail = renderMail(template, lang, c.values, { discreet, region });
          if (dumpDir) {
            mkdirSync(dumpDir, { recursive: true });
            writeFileSync(
              path.join(dumpDir, `${template}.${lang}.${discreet ? 'discreet' : 'named'}.txt`),
              `Van: ${mail.fromName ?? 'MAIL_FROM'}\nOnderwerp: ${mail.subject}\n\n${mail.text}\n`,
            );
          }
          // Who sends it: the region's team by name, or in discreet mail the neutral first name only.
          if (discreet) {
            expect(mail.fromName).toBe('Sam');
            expect(mail.text).toMatch(lang === 'nl' ? /\n\nGroet, Sam$/ : /\n\nBest wishes, Sam$/);
            expect(`${mail.subject}\n${mail.text}`).not.toContain('Westmark');
          } else {
            expect(mail.fromName).toBeNull();
            expect(mail.text.endsWith(lang === 'nl' ? 'Team Herstelgesprek Regio Westmark' : 'The recovery conversation team, Regio Westmark')).toBe(true);
          }
          // Why: the reason, naming whoever caused the mail.
          expect(mail.text).toMatch(c.why[i]!);
          if (c.values.sender) expect(mail.text.split('\n\n')[1]).toContain(c.values.sender);
          // What to do: the link in full, and always a phone number to call.
          if (c.todo === 'link') expect(mail.text).toContain(`:\n${link}`);
          expect(mail.text).toContain(lang === 'nl' ? 'Vragen? Bel 0315 000 000' : 'Questions? Call 0315 000 000');
          // The greeting with the name when the caller knows it.
          if (c.values.name) expect(mail.text.startsWith(lang === 'nl' ? `Hallo ${c.values.name},` : `Hello ${c.values.name},`)).toBe(true);
          // No holes.
          for (const part of [mail.subject, mail.text, mail.html]) {
            expect(part).not.toMatch(/undefined|null|\{\{|\}\}|NaN|\[object/);
            expect(part).not.toMatch(/ {2}|\( ?\)| ,|: ,|: \.|^\s*$(?![\s\S])/m);
          }
          expect(mail.subject.trim()).not.toBe('');
          // A discreet mail to the resident (or about them, to the naaste and the recipient) names no service.
          if (discreet && c.reader !== 'staff' && c.reader !== 'partner') for (const part of [mail.subject, mail.text]) expect(part).not.toMatch(REVEALING);
        });
      }
    }
  }
});

describe('codes in a mail', () => {
  it('puts the sign-up code and the confirmation code each on a line of its own, labelled as the form labels them', () => {
    const values = { name: 'Robin', sender: 'Fatima de Vries', reference: 'HOG-86VY9D', code: '603228', link };
    expect(renderMail('partnerSignupConfirm', 'nl', values, { region }).text).toContain('\n\nAanmeldcode: HOG-86VY9D\nBevestigingscode: 603228\n\n');
    expect(renderMail('partnerSignupConfirm', 'en', values, { region }).text).toContain('\n\nSign-up code: HOG-86VY9D\nConfirmation code: 603228\n\n');
    expect(renderMail('partnerSignupConfirm', 'nl', values, { region }).html).toContain('<p>Aanmeldcode: HOG-86VY9D<br>Bevestigingscode: 603228</p>');
  });

  it('labels a lone sign-up code as such', () => {
    expect(renderMail('signupReceived', 'nl', { name: 'Robin', reference: 'HOG-F24WMT' }, { region }).text).toContain('Je aanmeldcode: HOG-F24WMT');
  });
});

describe('a mail without a known name or region', () => {
  it('greets without a name and says where to find the region’s number', () => {
    const mail = renderMail('passwordChanged', 'nl', { link });
    expect(mail.text.startsWith('Hallo,\n\n')).toBe(true);
    expect(mail.text).toContain('Op de website staat onder ‘Contact’ het telefoonnummer van je regio.');
  });

  it('says "someone" rather than a blank when the sender is not known', () => {
    expect(renderMail('shareInvitation', 'nl', { link }, { region }).text).toContain('Iemand deelt het verslag');
  });
});
