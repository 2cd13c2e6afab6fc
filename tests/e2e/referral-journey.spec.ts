import { expect, test, type Page } from '@playwright/test';
import { confirmReferral, demoLogin, getAs, inMinutes, recordAgreedMoment, recordHeld, refer, signedIn, writeAdvice, type Referral } from './journeys.ts';
import { axeViolationsWithScript, regionAddress } from './pages.ts';

// Issue 21's "done when", the referral journey end to end in the demo region Amstelland (preset
// amstelland: referral only, the planner calls, the advice as report form, feedback to the GP
// "unless the resident objects", duo GGZ + social domain that blocks). A GP refers two new
// residents; each confirms by the mailed link with JavaScript off and is told what goes back to
// the GP; the planner reads the reason and records the agreed moment; the duo holds it and writes
// the advice; Noor approves and her GP reads and downloads it, which Noor sees in "wie keek"; Ravi
// says no first, so his GP sees no report, not even by its address.
// New residents, not the demo's Lisa (profile-planning.spec.ts plans her), and a duo of their own
// (Lotte Peeters, POH-GGZ, and the social worker Daan Kuipers, who signs in): the two specs may
// run at the same time, and conversations of one member at one time would clash.
// JavaScript off everywhere: every step must work without it. The steps are in journeys.ts.
test.use({ javaScriptEnabled: false });

const amstelland = regionAddress('amstelland', '');
const gpLogin = demoLogin('huisarts@amstelland.example');
const GP = gpLogin.name;
const PRACTICE = gpLogin.organisation!;
const DUO = ['Lotte Peeters', 'Daan Kuipers'] as const;
const PASSWORD = 'een eigen lange zin voor mijn account';

const run = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const referral = (callName: string, postcode: string, reason: string): Referral => ({
  email: `${callName.toLowerCase()}-verwezen-${run}@amstelland.example`,
  callName,
  postcode,
  place: 'Tijdens een wandeling buiten',
  practice: PRACTICE,
  reason,
});
const noor = referral('Noor', '7204 AB', 'Somber sinds het verlies van haar werk. Slaapt slecht, trekt zich terug.');
const ravi = referral('Ravi', '7206 CD', 'Veel zorgen over geld en over zijn moeder. Wil graag meedenken.');
const NOOR_ADVICE = 'Elke ochtend een korte wandeling, en met de schuldhulp van de gemeente praten.';

/** What goes back to the GP, as the resident reads it before confirming and again before approving. */
async function expectFeedbackNote(page: Page) {
  await expect(page.getByRole('heading', { name: `Krijgt ${GP} (${PRACTICE}) je verslag?` })).toBeVisible();
  await expect(page.getByText(`Als jij het verslag goedkeurt, kan ${GP} het lezen.`, { exact: false })).toBeVisible();
  await expect(page.getByText(`Zonder jouw goedkeuring gaat er niets naar ${GP}.`)).toBeVisible();
}

test('a GP refers, the planner calls, the duo advises, the GP reads what the resident let through', async ({ browser }) => {
  // About 3 min alone on a 2-core machine that is also busy with other work; a wait for a fresh
  // TOTP step (another spec signing in as the planner) can add 30 s.
  test.setTimeout(780_000);

  // 1. The GP signs in with password and authenticator code and refers two new residents.
  const gp = await signedIn(browser, amstelland, gpLogin.email, false);
  const noorReference = await refer(gp, noor);
  const raviReference = await refer(gp, ravi);
  await expect(gp.getByRole('row', { name: new RegExp(noorReference) })).toContainText('Wacht op bevestiging van de inwoner');

  // 2. Each confirms by the mailed link, without JavaScript, and makes an account. Before
  // confirming they read what goes back to the GP ("unless you object").
  const noorPage = await confirmReferral(browser, amstelland, noor, {
    password: PASSWORD,
    check: async (page) => {
      await expectFeedbackNote(page);
      expect(await axeViolationsWithScript(page)).toEqual([]);
    },
  });
  const raviPage = await confirmReferral(browser, amstelland, ravi, { password: PASSWORD, check: expectFeedbackNote });

  // 3. The planner opens the sign-up, reads the reason, calls and records the agreed moment.
  // Today, a few minutes ahead: the duo records it as held once it has started.
  const planner = await signedIn(browser, amstelland, 'planner@amstelland.example', false);
  const plan = async (reference: string, reason: string) => {
    await planner.goto(`/team?zoek=${reference}`);
    await planner.getByRole('link', { name: reference }).click();
    const summary = planner.locator('dl.hog-summary').first();
    await expect(summary).toContainText(`Verwezen door: ${GP}, ${PRACTICE}`);
    await expect(summary).toContainText(reason);
    await expect(planner.getByText('Bel de inwoner en leg het afgesproken moment vast.')).toBeVisible();
    await recordAgreedMoment(planner, DUO, inMinutes(3));
    await expect(planner.getByRole('status')).toContainText('Het gesprek is vastgelegd.');
  };

  // 4. A member of the duo records it as held; only then is the duo free for the next one.
  const worker = await signedIn(browser, amstelland, 'sociaal@amstelland.example', false);
  await plan(noorReference, noor.reason);
  await recordHeld(worker, noorReference);
  await plan(raviReference, ravi.reason);
  await recordHeld(worker, raviReference);
  await planner.context().close();
  await writeAdvice(
    worker,
    noorReference,
    { about: 'Noor slaapt slecht en zit veel thuis.', advice: NOOR_ADVICE, strengths: 'Ze zegt eerlijk wat ze voelt.', next: 'Een gesprek met de schuldhulp.' },
    async (page) => expect(await axeViolationsWithScript(page)).toEqual([]),
  );
  await writeAdvice(worker, raviReference, { about: 'Zorgen om geld.', advice: 'Hulp bij de post.', strengths: 'Zorgzaam.', next: 'Het wijkteam belt.' });
  await worker.context().close();

  // 5. Noor reads the advice, reads again what goes to the GP, and approves.
  await noorPage.goto('/mijn/verslag');
  await expect(noorPage.getByRole('heading', { name: 'Ons advies' }).first()).toBeVisible();
  await expect(noorPage.getByText(NOOR_ADVICE).first()).toBeVisible();
  await expectFeedbackNote(noorPage);
  await expect(noorPage.getByRole('button', { name: `Ik wil niet dat ${GP} het verslag krijgt` })).toBeVisible();
  await noorPage.getByRole('button', { name: 'Verslag goedkeuren' }).click();
  await expect(noorPage.getByText(`Je hebt het verslag goedgekeurd. ${GP} kan het lezen.`, { exact: false }).first()).toBeVisible();

  // 8 (before 6, so the GP's list shows both). Ravi says no before approving, then approves: it stays no.
  await raviPage.goto('/mijn/verslag');
  await expectFeedbackNote(raviPage);
  const raviId = await raviPage.locator('input[name="registration"]').first().getAttribute('value');
  await raviPage.getByRole('button', { name: `Ik wil niet dat ${GP} het verslag krijgt` }).click();
  await expect(raviPage.getByRole('status')).toContainText(`${GP} krijgt het verslag niet`);
  await raviPage.goto('/mijn/verslag');
  await raviPage.getByRole('button', { name: 'Verslag goedkeuren' }).click();
  await expect(raviPage.getByText(`Je hebt nee gezegd. ${GP} krijgt het verslag niet. Dat blijft zo.`)).toBeVisible();
  await raviPage.context().close();

  // 6. The GP finds Noor's report in the list, not Ravi's, reads it signed in and downloads the PDF.
  await gp.goto('/partner');
  await expect(gp.getByRole('link', { name: `Verslag te lezen: ${raviReference}` })).toHaveCount(0);
  expect(await axeViolationsWithScript(gp)).toEqual([]);
  await gp.getByRole('link', { name: `Verslag te lezen: ${noorReference}` }).click();
  await expect(gp.getByRole('heading', { level: 1 })).toHaveText(`Verslag van Noor (${noorReference})`);
  await expect(gp.getByText(NOOR_ADVICE).first()).toBeVisible();
  await expect(gp.getByText('Noor had er geen bezwaar tegen dat jij het leest.')).toBeVisible();
  const pdf = await getAs(gp, (await gp.getByRole('link', { name: 'Download als PDF (voor je eigen dossier)' }).getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toContain(`verslag-${noorReference}-versie-1.pdf`);
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Ravi's report is not there for the GP, not even by its address.
  for (const address of [`/partner/verslag/${raviId}`, `/partner/verslag/${raviId}/pdf`]) expect((await getAs(gp, address)).status(), address).toBe(404);
  await gp.context().close();

  // 7. Noor sees in "wie keek" that her GP read it and downloaded it.
  await noorPage.goto('/mijn/wie-keek');
  const reads = noorPage.getByRole('listitem').filter({ hasText: `${GP} (${PRACTICE}), die jou heeft doorverwezen` });
  await expect(reads.filter({ hasText: 'downloadde je verslag als pdf' })).toHaveCount(1);
  await expect(reads.filter({ hasText: 'las je verslag' })).not.toHaveCount(0);
  await expect(reads.first()).toContainText('jij zei geen nee');
  await noorPage.context().close();
});
