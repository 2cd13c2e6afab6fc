// The addresses residents see. Dutch words, because that is what they read in the address bar;
// other languages get the same path behind their prefix (/en/...).
export const routes = {
  home: '/',
  how: '/hoe-gaat-het',
  faq: '/veelgestelde-vragen',
  privacy: '/privacy',
  accessibility: '/toegankelijkheid',
  contact: '/contact',
  signUp: '/aanmelden',
  resident: '/mijn',
  partner: '/partner',
  team: '/team',
  signIn: '/inloggen',
  account: '/account',
  demoMailbox: '/demo/postvak',
} as const;

/** Public pages that exist today, in nav order; tests walk this list in every language. */
export const publicPages = [routes.home, routes.how, routes.faq, routes.privacy, routes.accessibility, routes.contact] as const;
