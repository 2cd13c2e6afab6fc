import { presets } from '../../profile.ts';
import type { DemoRegion } from './region.ts';

// A third fictional region that works by referral only, as most of the country does: the GP (or
// POH-GGZ, GGZ intake, wijkteam) refers, the resident confirms. Its admin invites referrers; a
// resident who comes to the public sign-up here is told how to be referred. The practice it starts
// from is Amstelland's (profile.ts presets).
export const beekdal: DemoRegion = {
  region: {
    slug: 'beekdal',
    name: 'Regio Beekdal',
    hostNames: ['beekdal.localhost'],
    minAge: 18,
    maxAge: 65,
    postcodeAreas: ['7201', '7202', '7203'],
    expectedContactDays: 10,
    contactEmail: 'hog@beekdal.example',
    contactPhone: '0575 000 000',
    profile: presets.amstelland.profile,
  },
  locations: [
    {
      kind: 'gp_practice',
      name: 'Gezondheidscentrum Beekdal',
      names: { nl: 'Gezondheidscentrum Beekdal', en: 'Gezondheidscentrum Beekdal' },
      street: 'Molenweg 12',
      postcode: '7201 BC',
      city: 'Beekdal',
      accessibility: { nl: 'Ingang zonder drempel. Een lift naar de eerste verdieping.', en: 'Step-free entrance. A lift to the first floor.' },
    },
  ],
  team: [
    {
      name: 'Youssef Amrani',
      discipline: 'social_psychiatric_nurse',
      email: 'youssef.amrani@beekdal.example',
      countsAsGgz: true,
      languages: ['nl', 'ar'],
      account: 'planner@beekdal.example',
    },
    { name: 'Lotte Verbeek', discipline: 'social_worker', email: 'lotte.verbeek@beekdal.example', countsAsGgz: false, languages: ['nl', 'en'] },
  ],
};
