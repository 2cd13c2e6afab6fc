import type { Role } from '../db/schema/index.ts';

// The one route table: every protected page and action with the roles allowed. Pages and actions
// look up their own entry at the point of use (requirePage / requireAction); the access test walks
// this table for every role, so a new route cannot be forgotten.
// Landelijk beheer has an account like anyone (password, authenticator app, recovery codes).
const everyone: readonly Role[] = ['resident', 'partner', 'referrer', 'worker', 'planner', 'admin', 'platform'];
// Partners and referrers (a GP, POH-GGZ, GGZ intake, wijkteam) sign residents up on their behalf, in
// the same pages: a referral is a partner's sign-up with the practice and a reason added.
const onBehalf: readonly Role[] = ['partner', 'referrer'];
const inRegion: readonly Role[] = ['partner', 'referrer', 'worker', 'planner', 'admin'];
const team: readonly Role[] = ['worker', 'planner', 'admin'];

export const protectedPages = {
  resident: { path: '/mijn', roles: ['resident'] },
  cancel: { path: '/mijn/afmelden', roles: ['resident'] },
  account: { path: '/account', roles: everyone },
  partner: { path: '/partner', roles: onBehalf },
  // The partner's sign-up steps: the table names the first; every step calls the same guard.
  partnerSignup: { path: '/partner/aanmelden/over-jou', roles: onBehalf },
  team: { path: '/team', roles: team },
  admin: { path: '/team/beheer', roles: ['admin'] },
  adminPlanning: { path: '/team/beheer/planning', roles: ['admin'] },
  adminRegion: { path: '/team/beheer/regio', roles: ['admin'] },
  signupDetail: { path: '/team/aanmelding/[id]', roles: ['planner', 'admin'] },
  conversations: { path: '/team/gesprekken', roles: ['worker'] },
  residentCalendar: { path: '/mijn/gesprek/[id].ics', roles: ['resident'] },
  report: { path: '/mijn/verslag', roles: ['resident'] },
  reportPdf: { path: '/mijn/verslag/pdf', roles: ['resident'] },
  shares: { path: '/mijn/verslag/delen', roles: ['resident'] },
  whoLooked: { path: '/mijn/wie-keek', roles: ['resident'] },
  // A referrer reads the approved report of their own referral, when its rule lets it through.
  referrerReport: { path: '/partner/verslag/[id]', roles: ['referrer'] },
  referrerReportPdf: { path: '/partner/verslag/[id]/pdf', roles: ['referrer'] },
  reportEditor: { path: '/team/verslag', roles: ['worker'] },
  emergencyAccess: { path: '/team/noodtoegang', roles: ['admin'] },
  // Where the region switch posts; it only redirects.
  regionSwitch: { path: '/regio-wisselen', roles: inRegion },
  // Landelijk beheer: regions, their postcode areas and host names, counts only, never a resident.
  platform: { path: '/landelijk', roles: ['platform'] },
  platformRegion: { path: '/landelijk/regio/[id]', roles: ['platform'] },
} as const satisfies Record<string, { path: string; roles: readonly Role[] }>;

export const protectedActions = {
  'account.changePassword': everyone,
  'account.changeEmail': everyone,
  'account.signOutOthers': everyone,
  'account.renewRecoveryCodes': [...inRegion, 'platform'],
  'account.switchRegion': inRegion,
  'admin.invite': ['admin'],
  'admin.deactivate': ['admin'],
  'signup.cancel': ['resident'],
  'signup.undoCancel': ['resident'],
  'signup.startChange': ['resident'],
  'partner.saveStep': onBehalf,
  'partner.finish': onBehalf,
  'partner.removeAccess': ['resident'],
  'partner.confirmByPhone': ['planner', 'admin'],
  'planning.contact': ['planner', 'admin'],
  'planning.propose': ['planner', 'admin'],
  'planning.confirmPhone': ['planner', 'admin'],
  'planning.recordAgreed': ['planner', 'admin'],
  'planning.handleRequest': ['planner', 'admin'],
  // A sign-up to another region (the resident moved, or typed a wrong postcode): checked on its region.
  'planning.moveRegion': ['planner', 'admin'],
  'planning.outcome': ['worker'],
  // The duo of a held conversation (checked on the conversation) proposes the follow-up's moments.
  'planning.proposeFollowUp': ['worker'],
  'planning.pick': ['resident'],
  'planning.ask': ['resident'],
  'planning.withdrawNaaste': ['resident'],
  'planning.addMember': ['admin'],
  'planning.addPlace': ['admin'],
  'planning.saveSettings': ['admin'],
  'planning.addOffer': ['admin'],
  'planning.changeMember': ['admin'],
  'planning.switchPlace': ['admin'],
  'planning.switchOffer': ['admin'],
  'report.save': ['worker'],
  'report.duoStep': ['worker'],
  'report.answer': ['resident'],
  'report.referrerObjection': ['resident'],
  'report.emergency': ['admin'],
  'sharing.create': ['resident'],
  'sharing.change': ['resident'],
  // Landelijk beheer: regions and their first admin; never a resident's data.
  'platform.createRegion': ['platform'],
  'platform.updateRegion': ['platform'],
  'platform.setRegionActive': ['platform'],
  'platform.inviteAdmin': ['platform'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Actions anyone may call, each for a reason: signing in and the steps around it, links from
 * e-mails, and signing up (open access is the point). Some check a session inside (second factor,
 * re-authentication). A unit test fails when an action is in neither list.
 */
export const publicActions = [
  'auth.signIn',
  'auth.signOut',
  'auth.register',
  'auth.confirmEmail',
  'auth.confirmLink',
  'auth.secondFactor',
  'auth.setupTotp',
  'auth.forgotPassword',
  'auth.resetPassword',
  'auth.acceptInvitation',
  'auth.reauthenticate',
  'account.confirmEmailChange',
  'signup.saveStep',
  'signup.finish',
  'signup.resumeLater',
  'signup.resume',
  // The resident who confirms a partner's sign-up has no account yet: the code or link is the proof.
  'partner.confirmWithCode',
  'partner.confirmWithLink',
  'planning.naasteAnswer',
  // A share's recipient has no account: the link and the access code are the proof.
  'sharing.open',
] as const;

export type ProtectedPage = keyof typeof protectedPages;
export type ProtectedAction = keyof typeof protectedActions;
