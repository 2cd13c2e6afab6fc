import type { LocalizedText } from '../db/schema/columns.ts';
import type { disciplines, locationKinds, regions } from '../db/schema/index.ts';

// A fictional region modelled on the Doetinchem way of working. Every name, address and phone
// number here is invented; 0800-numbers and 113/112 elsewhere in the portal are the real ones.

export const demoRegion = {
  slug: 'oostveld',
  name: 'Regio Oostveld',
  // Browsers send every *.localhost name to this machine, so the demo can show a region's own host.
  hostNames: ['oostveld.localhost'],
  minAge: 18,
  maxAge: 65,
  postcodeAreas: ['7001', '7002', '7003', '7004', '7005', '7006', '7007', '7008', '7009'],
  expectedContactDays: 10,
  contactEmail: 'hog@oostveld.example',
  contactPhone: '0314 000 000',
};

export type DemoLocation = {
  kind: (typeof locationKinds)[number];
  name: string;
  /** What residents read per language; a proper name stays the same in every language. */
  names: LocalizedText;
  street?: string;
  postcode?: string;
  city?: string;
  accessibility: LocalizedText;
};

/** Every demo region offers video calls, in the same words. */
export const onlineLocation: DemoLocation = {
  kind: 'online',
  name: 'Online, via een videogesprek',
  names: { nl: 'Online, via een videogesprek', en: 'Online, by video call' },
  accessibility: {
    nl: 'Je krijgt een link. Je hebt alleen een telefoon, tablet of computer met camera nodig.',
    en: 'You get a link. You only need a phone, tablet or computer with a camera.',
  },
};

export const demoLocations: DemoLocation[] = [
  {
    kind: 'stadskamer',
    name: 'Stadskamer Oostveld',
    names: { nl: 'Stadskamer Oostveld', en: 'Stadskamer Oostveld' },
    street: 'Lindelaan 12',
    postcode: '7001 AB',
    city: 'Oostveld',
    accessibility: {
      nl: 'Ingang zonder drempel. Lift naar de eerste verdieping. Koffie en thee staan klaar.',
      en: 'Step-free entrance. Lift to the first floor. Coffee and tea are ready.',
    },
  },
  {
    kind: 'library',
    name: 'Bibliotheek De Leeshoek',
    names: { nl: 'Bibliotheek De Leeshoek', en: 'De Leeshoek Library' },
    street: 'Marktplein 3',
    postcode: '7002 CD',
    city: 'Oostveld',
    accessibility: {
      nl: 'Rustige spreekkamer achter de leeszaal. Er is een toilet voor rolstoelgebruikers.',
      en: 'Quiet meeting room behind the reading room. Accessible toilet available.',
    },
  },
  {
    kind: 'community_centre',
    name: 'Wijkcentrum De Horst',
    names: { nl: 'Wijkcentrum De Horst', en: 'De Horst Community Centre' },
    street: 'Horststraat 40',
    postcode: '7004 EF',
    city: 'Oostveld',
    accessibility: {
      nl: 'Alles op de begane grond. Gratis parkeren voor de deur. Bushalte op 100 meter.',
      en: 'Everything on the ground floor. Free parking at the door. Bus stop 100 metres away.',
    },
  },
  {
    kind: 'gp_practice',
    name: 'Huisartsenpraktijk Brinkhoek',
    names: { nl: 'Huisartsenpraktijk Brinkhoek', en: 'Brinkhoek GP Practice' },
    street: 'Brinkhoek 7',
    postcode: '7005 GH',
    city: 'Oostveld',
    accessibility: {
      nl: 'Ingang met automatische deur. Het gesprek is in een spreekkamer, niet bij de dokter zelf.',
      en: 'Entrance with an automatic door. The conversation is in a meeting room, not with the doctor.',
    },
  },
  {
    kind: 'ggz',
    name: 'GGZ Oostveld, locatie Parkweg',
    names: { nl: 'GGZ Oostveld, locatie Parkweg', en: 'GGZ Oostveld, Parkweg location' },
    street: 'Parkweg 101',
    postcode: '7007 JK',
    city: 'Oostveld',
    accessibility: {
      nl: 'Aparte ingang aan de zijkant, zonder wachtkamer. Lift aanwezig.',
      en: 'Separate side entrance, no waiting room. Lift available.',
    },
  },
  {
    kind: 'recovery',
    name: 'Herstelacademie Oostveld',
    names: { nl: 'Herstelacademie Oostveld', en: 'Oostveld Recovery College' },
    street: 'Schoolstraat 5',
    postcode: '7008 LM',
    city: 'Oostveld',
    accessibility: {
      nl: 'Een huiskamer op de begane grond. Ervaringsdeskundigen ontvangen je.',
      en: 'A living room on the ground floor. Peer experts welcome you.',
    },
  },
  onlineLocation,
];

export type DemoTeamMember = {
  name: string;
  discipline: (typeof disciplines)[number];
  email: string;
  countsAsGgz: boolean;
  languages: string[];
  /** The demo account this member signs in with, if any. */
  account?: string;
};

export const demoTeam: DemoTeamMember[] = [
  {
    name: 'Sanne Hoekstra',
    discipline: 'social_psychiatric_nurse',
    email: 'sanne.hoekstra@oostveld.example',
    countsAsGgz: true,
    languages: ['nl', 'en'],
    account: 'medewerker@oostveld.example',
  },
  {
    name: 'Rachid El Amrani',
    discipline: 'poh_ggz',
    email: 'rachid.elamrani@oostveld.example',
    countsAsGgz: true,
    languages: ['nl', 'ar'],
    account: 'planner@oostveld.example',
  },
  { name: 'Ineke Wolters', discipline: 'psychologist', email: 'ineke.wolters@oostveld.example', countsAsGgz: true, languages: ['nl'] },
  { name: 'Tom Gerritsen', discipline: 'buurtcoach', email: 'tom.gerritsen@oostveld.example', countsAsGgz: false, languages: ['nl'] },
  { name: 'Joyce Bakker', discipline: 'buurtcoach', email: 'joyce.bakker@oostveld.example', countsAsGgz: false, languages: ['nl', 'en'] },
  { name: 'Marco Lensink', discipline: 'peer_expert', email: 'marco.lensink@oostveld.example', countsAsGgz: false, languages: ['nl', 'tr'] },
];

/** One demo region: its settings, places and team. */
export type DemoRegion = { region: typeof regions.$inferInsert; locations: DemoLocation[]; team: DemoTeamMember[] };
export const oostveld: DemoRegion = { region: demoRegion, locations: demoLocations, team: demoTeam };
