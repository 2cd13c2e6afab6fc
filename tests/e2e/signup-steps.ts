import { expect, type Page } from '@playwright/test';

// Walks the first steps of /aanmelden in Dutch or English, for tests about a later step.
const en = (path: string, lang: 'nl' | 'en') => (lang === 'en' ? `/en${path}` : path);
const words = {
  nl: {
    next: 'Volgende stap',
    name: 'Hoe mogen we je noemen?',
    year: 'In welk jaar ben je geboren?',
    postcode: 'Wat is je postcode?',
    phone: 'Telefoonnummer',
    yes: 'Ja',
    no: 'Nee',
    groups: ['Mogen we een bericht inspreken', 'Mogen we je een sms sturen', 'Mag de naam van deze dienst'],
  },
  en: {
    next: 'Next step',
    name: 'What can we call you?',
    year: 'In what year were you born?',
    postcode: 'What is your postcode?',
    phone: 'Phone number',
    yes: 'Yes',
    no: 'No',
    groups: ['May we leave a message', 'May we send you a text message', 'May the name of this service'],
  },
} as const;

/** Fills steps 1 to 3 (or fewer) in the given language, and stops at the step asked for; the postcode picks the region. */
export async function goTo(
  page: Page,
  step: 'contact' | 'plek' | 'meenemen',
  lang: 'nl' | 'en' = 'nl',
  senderNamed = true,
  postcode = '7001 AB',
  callName = 'Sam',
) {
  const w = words[lang];
  await page.goto(en('/aanmelden/over-jou', lang));
  await page.getByLabel(w.name).fill(callName);
  await page.getByLabel(w.year).fill('1990');
  await page.getByLabel(w.postcode).fill(postcode);
  await page.getByRole('button', { name: w.next }).click();
  if (step === 'contact') return;
  await page.getByLabel(w.phone).fill('0612345678');
  for (const [i, g] of w.groups.entries())
    await page
      .getByRole('group', { name: new RegExp(g) })
      .getByLabel(i === 2 && !senderNamed ? w.no : w.yes)
      .check();
  await page.getByRole('button', { name: w.next }).click();
  await page.getByRole('button', { name: w.next }).click();
  if (step === 'plek') return;
  await page
    .getByRole('group', { name: lang === 'nl' ? 'Kies een plek' : 'Choose a place' })
    .getByLabel(lang === 'nl' ? 'Tijdens een wandeling buiten' : /walk/)
    .check();
  await page.getByRole('button', { name: w.next }).click();
  await page.getByLabel(lang === 'nl' ? 'Dinsdag' : 'Tuesday').check();
  await page.getByLabel(lang === 'nl' ? 'Middag' : 'Afternoon').check();
  await page.getByRole('button', { name: w.next }).click();
  await expect(page).toHaveURL(/\/aanmelden\/meenemen$/);
}

/** From the step after "meenemen": consent, no account, send; returns the reference code. */
export async function finishSignUp(page: Page) {
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await page.getByLabel(/Het team mag gebruiken/).check();
  await page.getByRole('button', { name: 'Aanmelding versturen' }).click();
  return (await page.getByText(/Je aanmeldcode is/).textContent())!.match(/HOG-[A-Z0-9]{6}/)![0];
}
