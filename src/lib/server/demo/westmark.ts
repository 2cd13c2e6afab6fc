import { DEFAULT_PROFILE, signupProfile } from '../../profile.ts';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { seal } from '../crypto/seal.ts';
import { newReference } from '../registrations/rules.ts';
import { onlineLocation, type DemoRegion } from './region.ts';

// A second fictional region, so the demo shows what one deployment for many regions means: its own
// host name, postcode areas, places, team and queue, and nothing of Oostveld's. Sanne (medewerker@)
// works in both, and switches between them.
export const westmark: DemoRegion = {
  region: {
    slug: 'westmark',
    name: 'Regio Westmark',
    minAge: 18,
    maxAge: 67,
    postcodeAreas: ['7101', '7102', '7103', '7104', '7105'],
    hostNames: ['westmark.localhost'],
    expectedContactDays: 14,
    contactEmail: 'hog@westmark.example',
    contactPhone: '0315 000 000',
  },
  locations: [
    {
      kind: 'stadskamer',
      name: 'Herstelhuis Westmark',
      names: { nl: 'Herstelhuis Westmark', en: 'Herstelhuis Westmark' },
      street: 'Havenkade 4',
      postcode: '7101 AA',
      city: 'Westmark',
      accessibility: { nl: 'Ingang zonder drempel. Alles op de begane grond.', en: 'Step-free entrance. Everything on the ground floor.' },
    },
    onlineLocation,
  ],
  team: [
    {
      name: 'Sanne Hoekstra',
      discipline: 'social_psychiatric_nurse',
      email: 'sanne.hoekstra@westmark.example',
      countsAsGgz: true,
      languages: ['nl', 'en'],
      account: 'medewerker@oostveld.example',
    },
    {
      name: 'Femke de Boer',
      discipline: 'poh_ggz',
      email: 'femke.deboer@westmark.example',
      countsAsGgz: true,
      languages: ['nl'],
      account: 'planner@westmark.example',
    },
    { name: 'Bram Kok', discipline: 'peer_expert', email: 'bram.kok@westmark.example', countsAsGgz: false, languages: ['nl'] },
    { name: 'Esra Yilmaz', discipline: 'buurtcoach', email: 'esra.yilmaz@westmark.example', countsAsGgz: false, languages: ['nl', 'tr'] },
  ],
};

/** Two sign-ups waiting in Westmark's queue (fictional people without an account). */
export async function seedWestmarkQueue(tx: Db, regionId: string, now: Date): Promise<void> {
  const waiting = (callName: string, daysAgo: number) => ({
    regionId,
    reference: newReference(),
    sealedDetails: seal(
      JSON.stringify({ callName, postcode: '7101 AB', contact: { phone: '0612000101', voicemail: true, sms: false, senderNamed: true }, naaste: null }),
    ),
    birthYear: 1975,
    postcodeArea: '7101',
    placeKind: 'home' as const,
    availability: { days: ['ma', 'wo'], parts: ['ochtend'], asap: true, from: null },
    language: 'nl',
    consentVersion: 'demo',
    profile: signupProfile(DEFAULT_PROFILE, 'warn', 'open'),
    consentAt: new Date(now.getTime() - daysAgo * 86_400_000),
    createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
  });
  await tx.insert(schema.registrations).values([waiting('Iris', 2), waiting('Mehmet', 6)]);
}
