import type { Role } from '../db/schema/index.ts';

// One account per role and region so anyone can try every part of the portal. These are printed
// at start; they exist only with demo data (never on a real PostgreSQL unless DEMO_DATA=true).
export const DEMO_PASSWORD = 'oostveld-demo-2026';

export type DemoRegionSlug = 'oostveld' | 'westmark' | 'amstelland' | 'beekdal';
/**
 * `roles`: what the person does; a partner or team role is held in `regions` (the first is where
 * they start working), `resident` and `platform` by the account itself.
 */
type DemoAccount = { email: string; name: string; roles: Role[]; regions?: DemoRegionSlug[]; organisation?: string; totpSecret?: string };

export const demoAccounts: DemoAccount[] = [
  { email: 'inwoner@oostveld.example', name: 'Sam de Vries', roles: ['resident'] },
  // Two more residents whose conversation was held and whose report is still to be written.
  { email: 'kim@oostveld.example', name: 'Kim Jansen', roles: ['resident'] },
  { email: 'noor@oostveld.example', name: 'Noor Visser', roles: ['resident'] },
  {
    email: 'buurtcoach@oostveld.example',
    name: 'Joyce Bakker',
    roles: ['partner'],
    regions: ['oostveld'],
    organisation: 'Buurtteam Oostveld',
    totpSecret: 'E4B6BCCKUE2UD77IQO6NXZZHOD2LD2FV',
  },
  // Sanne works in both regions: the region switch shows at the top of her pages.
  {
    email: 'medewerker@oostveld.example',
    name: 'Sanne Hoekstra',
    roles: ['worker'],
    regions: ['oostveld', 'westmark'],
    totpSecret: 'L6WP3ZAIMI3CYM7WPWWIHUPLJBXM64VX',
  },
  {
    email: 'planner@oostveld.example',
    name: 'Rachid El Amrani',
    roles: ['planner', 'worker'],
    regions: ['oostveld'],
    totpSecret: '5M36Z4W2N3SIONWXAIQSNTMR2ACOSFV4',
  },
  { email: 'beheer@oostveld.example', name: 'Ineke Wolters', roles: ['admin'], regions: ['oostveld'], totpSecret: '5ELCI6OKL556NDPJKUGNN6YSVS6MU5LF' },
  {
    email: 'planner@westmark.example',
    name: 'Femke de Boer',
    roles: ['planner', 'worker'],
    regions: ['westmark'],
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ',
  },
  { email: 'beheer@westmark.example', name: 'Wim Smit', roles: ['admin'], regions: ['westmark'], totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJR' },
  // Amstelland works by GP referral (profile.ts preset amstelland): the GP refers, the planner calls,
  // a GGZ professional and a social worker hold the conversation. Lisa was referred and waits for the call.
  { email: 'inwoner@amstelland.example', name: 'Lisa Bos', roles: ['resident'] },
  {
    email: 'huisarts@amstelland.example',
    name: 'Dr. Anouk Verhoef',
    roles: ['referrer'],
    regions: ['amstelland'],
    organisation: 'Huisartsenpraktijk De Linde',
    totpSecret: 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF',
  },
  {
    email: 'planner@amstelland.example',
    name: 'Mirjam de Graaf',
    roles: ['planner'],
    regions: ['amstelland'],
    totpSecret: 'MNXW24DMMV2GKIDBNZSCA3LPOJSSA3TP',
  },
  { email: 'beheer@amstelland.example', name: 'Peter Jonker', roles: ['admin'], regions: ['amstelland'], totpSecret: 'OBZGS3TUEBXWMIDUNBSSAYLENVUW4IDB' },
  { email: 'ggz@amstelland.example', name: 'Yara Mulder', roles: ['worker'], regions: ['amstelland'], totpSecret: 'NJ2XG5BAMEQGI3LPEBZWKY3SMV2CA3LP' },
  { email: 'sociaal@amstelland.example', name: 'Daan Kuipers', roles: ['worker'], regions: ['amstelland'], totpSecret: 'ONXWG2LBNQQHO33SNNSXEIDTMVRXEZLU' },
  // Beekdal works by referral only (demo/beekdal.ts): its admin invites referrers, its planner reads the reasons.
  { email: 'beheer@beekdal.example', name: 'Karin Mulder', roles: ['admin'], regions: ['beekdal'], totpSecret: 'EH46R37XXZG4QULIFG65IHIDBPL52XTU' },
  {
    email: 'planner@beekdal.example',
    name: 'Youssef Amrani',
    roles: ['planner'],
    regions: ['beekdal'],
    totpSecret: 'QPAYHETPJQ3DZ53KXY7MFH7LKBTBLNOW',
  },
  // Landelijk beheer: makes regions and invites their first admin; never sees a resident.
  { email: 'landelijk@hog.example', name: 'Lieke Brouwer', roles: ['platform'], totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4TT' },
];

export function describeDemoAccounts(): string {
  const where = (a: DemoAccount) =>
    a.regions ? a.regions.join('+') : a.roles.includes('platform') ? 'landelijk' : (a.email.split('@')[1]?.split('.')[0] ?? 'oostveld');
  const lines = demoAccounts.map(
    (a) => `  ${where(a).padEnd(18)} ${a.roles.join('+').padEnd(15)} ${a.email.padEnd(30)} ${a.totpSecret ? `TOTP secret ${a.totpSecret}` : ''}`,
  );
  return [
    `hog-portaal: demo logins (password for all: ${DEMO_PASSWORD}); mail shows at /demo/postvak`,
    '  regions: Regio Oostveld (postcodes 7001-7009, http://oostveld.localhost:PORT), Regio Westmark (7101-7105, http://westmark.localhost:PORT),',
    '  Amstelland (7201-7209, http://amstelland.localhost:PORT; works by GP referral: the Amstelland preset);',
    '  Regio Beekdal (7301-7303, http://beekdal.localhost:PORT; by referral to its mental-health centre: the GGz Breburg preset);',
    '  any other host name shows the national pages, which ask for the postcode',
    ...lines,
  ].join('\n');
}
