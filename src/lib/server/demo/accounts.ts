import type { Role } from '../db/schema/index.ts';

// One account per role so anyone can try every part of the portal. These are printed at start;
// they exist only with demo data (never on a real PostgreSQL unless DEMO_DATA=true).
export const DEMO_PASSWORD = 'oostveld-demo-2026';

type DemoAccount = { email: string; name: string; roles: Role[]; organisation?: string; totpSecret?: string };

export const demoAccounts: DemoAccount[] = [
  { email: 'inwoner@oostveld.example', name: 'Sam de Vries', roles: ['resident'] },
  // Two more residents whose conversation was held and whose report is still to be written.
  { email: 'kim@oostveld.example', name: 'Kim Jansen', roles: ['resident'] },
  { email: 'noor@oostveld.example', name: 'Noor Visser', roles: ['resident'] },
  {
    email: 'buurtcoach@oostveld.example',
    name: 'Joyce Bakker',
    roles: ['partner'],
    organisation: 'Buurtteam Oostveld',
    totpSecret: 'E4B6BCCKUE2UD77IQO6NXZZHOD2LD2FV',
  },
  { email: 'medewerker@oostveld.example', name: 'Sanne Hoekstra', roles: ['worker'], totpSecret: 'L6WP3ZAIMI3CYM7WPWWIHUPLJBXM64VX' },
  { email: 'planner@oostveld.example', name: 'Rachid El Amrani', roles: ['planner', 'worker'], totpSecret: '5M36Z4W2N3SIONWXAIQSNTMR2ACOSFV4' },
  { email: 'beheer@oostveld.example', name: 'Ineke Wolters', roles: ['admin'], totpSecret: '5ELCI6OKL556NDPJKUGNN6YSVS6MU5LF' },
];

export function describeDemoAccounts(): string {
  const lines = demoAccounts.map((a) => `  ${a.roles.join('+').padEnd(15)} ${a.email.padEnd(30)} ${a.totpSecret ? `TOTP secret ${a.totpSecret}` : ''}`);
  return [`hog-portaal: demo logins (password for all: ${DEMO_PASSWORD}); mail shows at /demo/postvak`, ...lines].join('\n');
}
