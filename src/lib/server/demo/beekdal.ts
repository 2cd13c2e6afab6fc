import { presets } from '../../profile.ts';
import { onlineLocation, type DemoRegion } from './region.ts';

// A fourth fictional region that works by referral only, as most of the country does, the GGz
// Breburg way (profile.ts preset `breburg`): the GP (or POH-GGZ, GGZ intake, wijkteam) refers, the
// resident confirms and picks a moment, the conversation is at the mental-health centre or online,
// and the GP reads the report only if the resident says yes at approval. Its admin invites
// referrers; a resident who comes to the public sign-up here is told how to be referred.
export const beekdal: DemoRegion = {
  region: {
    slug: 'beekdal',
    name: 'Regio Beekdal',
    hostNames: ['beekdal.localhost'],
    ...presets.breburg.columns,
    postcodeAreas: ['7301', '7302', '7303'],
    expectedContactDays: 10,
    contactEmail: 'hog@beekdal.example',
    contactPhone: '0575 000 000',
    profile: presets.breburg.profile,
  },
  locations: [
    {
      kind: 'ggz',
      name: 'GGZ-centrum Beekdal',
      names: { nl: 'GGZ-centrum Beekdal', en: 'Beekdal mental health centre' },
      street: 'Molenweg 12',
      postcode: '7301 BC',
      city: 'Beekdal',
      accessibility: { nl: 'Ingang zonder drempel. Een lift naar de eerste verdieping.', en: 'Step-free entrance. A lift to the first floor.' },
    },
    onlineLocation,
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
