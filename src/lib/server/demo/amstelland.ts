import { eq } from 'drizzle-orm';
import { presets } from '../../profile.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { seal } from '../crypto/seal.ts';
import { newSignupProfile } from '../region/profile.ts';
import type { DemoRegion } from './region.ts';

// A third fictional region that works the Amstelland way (profile.ts preset `amstelland`): a GP
// refers, the planner calls the resident, a GGZ professional and a social-domain professional hold
// the conversation and write an advice with the resident, which goes back to the GP unless the
// resident objects. The GP (huisarts@) signs in like a partner; one referral waits to be planned.
// Other e2e specs rely on these names and addresses: keep them.
export const AMSTELLAND_PRACTICE = 'Huisartsenpraktijk De Linde';

export const amstelland: DemoRegion = {
  region: {
    slug: 'amstelland',
    name: 'Amstelland',
    ...presets.amstelland.columns,
    profile: presets.amstelland.profile,
    postcodeAreas: ['7201', '7202', '7203', '7204', '7205', '7206', '7207', '7208', '7209'],
    hostNames: ['amstelland.localhost'],
    expectedContactDays: 7,
    contactEmail: 'verkennend@amstelland.example',
    contactPhone: '020 000 0000',
  },
  locations: [
    {
      kind: 'gp_practice',
      name: AMSTELLAND_PRACTICE,
      names: { nl: AMSTELLAND_PRACTICE, en: 'De Linde GP Practice' },
      street: 'Lindenlaan 2',
      postcode: '7201 AB',
      city: 'Amstelland',
      accessibility: {
        nl: 'Ingang zonder drempel. Het gesprek is in de rustige kamer achterin, niet bij de dokter zelf.',
        en: 'Step-free entrance. The conversation is in the quiet room at the back, not with the doctor.',
      },
    },
    {
      kind: 'library',
      name: 'Bibliotheek Amstelland',
      names: { nl: 'Bibliotheek Amstelland', en: 'Amstelland Library' },
      street: 'Dorpsstraat 14',
      postcode: '7203 CD',
      city: 'Amstelland',
      accessibility: { nl: 'Spreekkamer op de begane grond.', en: 'Meeting room on the ground floor.' },
    },
    {
      kind: 'community_centre',
      name: 'Buurthuis De Amstel',
      names: { nl: 'Buurthuis De Amstel', en: 'De Amstel Community Centre' },
      street: 'Rivierweg 8',
      postcode: '7205 EF',
      city: 'Amstelland',
      accessibility: { nl: 'Alles op de begane grond. Bushalte voor de deur.', en: 'Everything on the ground floor. Bus stop at the door.' },
    },
  ],
  team: [
    {
      name: 'Yara Mulder',
      discipline: 'social_psychiatric_nurse',
      email: 'yara.mulder@amstelland.example',
      countsAsGgz: true,
      languages: ['nl', 'en'],
      account: 'ggz@amstelland.example',
    },
    {
      name: 'Daan Kuipers',
      discipline: 'social_worker',
      email: 'daan.kuipers@amstelland.example',
      countsAsGgz: false,
      languages: ['nl'],
      account: 'sociaal@amstelland.example',
    },
    { name: 'Lotte Peeters', discipline: 'poh_ggz', email: 'lotte.peeters@amstelland.example', countsAsGgz: true, languages: ['nl'] },
    { name: 'Koen Smits', discipline: 'peer_expert', email: 'koen.smits@amstelland.example', countsAsGgz: false, languages: ['nl'] },
    // A second social-domain member: each demo worker then has a duo without the other, so two
    // conversations on the same day (two e2e specs at once) need not share a member and clash.
    { name: 'Ilse de Jong', discipline: 'buurtcoach', email: 'ilse.dejong@amstelland.example', countsAsGgz: false, languages: ['nl'] },
  ],
};

/** The GP's referral of the demo resident: confirmed by the resident, waiting for the planner's call. */
export async function seedAmstellandReferral(tx: Db, regionId: string, now: Date): Promise<void> {
  const [region] = await tx.select().from(schema.regions).where(eq(schema.regions.id, regionId));
  const byEmail = async (email: string) => (await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]!;
  const gp = await byEmail('huisarts@amstelland.example');
  const resident = await byEmail('inwoner@amstelland.example');
  const referredAt = new Date(now.getTime() - 3 * 86_400_000);
  await tx.insert(schema.registrations).values({
    regionId,
    reference: 'HOG-AMST3L',
    residentId: resident.id,
    source: 'partner',
    status: 'received',
    sealedDetails: seal(
      JSON.stringify({
        callName: 'Lisa',
        postcode: '7201 CD',
        contact: { email: 'inwoner@amstelland.example', phone: '0612000301', voicemail: true, sms: true, senderNamed: true },
        address: 'Lindenlaan 20, Amstelland',
        topic: 'Ik slaap slecht sinds mijn scheiding en weet niet goed waar ik moet beginnen.',
        naaste: null,
      }),
    ),
    birthYear: 1979,
    postcodeArea: '7201',
    placeKind: 'home',
    availability: { days: ['ma', 'do'], parts: ['ochtend', 'middag'], asap: true, from: null },
    language: 'nl',
    consentVersion: 'demo',
    consentAt: referredAt,
    createdAt: referredAt,
    partnerId: gp.id,
    partnerConsentMethod: 'in_person',
    partnerConsentAt: referredAt,
    partnerConsentVersion: 'demo',
    partnerInformed: true,
    confirmedAt: new Date(referredAt.getTime() + 86_400_000),
    confirmationMethod: 'link',
    referral: true,
    referrerPractice: AMSTELLAND_PRACTICE,
    sealedReferralReason: seal('Somberheid en slecht slapen na een scheiding; wil graag meedenken over wat helpt.'),
    profile: newSignupProfile(region!, 'referral'),
  });
}
