// Who may do what, written down from the domain and NOT derived from src/lib/server/auth/access.ts:
// the e2e walk checks the running portal against this table, and a unit test checks that the
// route table says the same, so a change to either one alone fails a test.
import type { Role } from '../../src/lib/roles.ts';

export const roles = ['resident', 'partner', 'referrer', 'worker', 'planner', 'admin'] as const satisfies readonly Role[];
export type Who = Role | 'anonymous';

const staff: Role[] = ['worker', 'planner', 'admin'];
// Landelijk beheer is not among `roles` (no region admin can make one, so the e2e walk signs in as
// the demo account instead), but it manages its own account like everyone else.
const withAuthenticator: Role[] = ['partner', 'referrer', 'worker', 'planner', 'admin', 'platform'];
// A referrer (GP, POH-GGZ, GGZ intake, wijkteam) signs a resident up on their behalf, like a partner.
const onBehalf: Role[] = ['partner', 'referrer'];
const inRegion: Role[] = ['partner', 'referrer', 'worker', 'planner', 'admin'];
const signedIn: Role[] = [...roles, 'platform'];

/** Every protected page: only the resident sees their own sign-ups; partners and team have their own areas. */
export const pageExpectations: Record<string, Role[]> = {
  '/mijn': ['resident'],
  // Cancelling is the resident's own decision, confirmed on its own page.
  '/mijn/afmelden': ['resident'],
  '/account': signedIn,
  '/partner': onBehalf,
  // Signing someone up on their behalf (or referring them) is the partner's and referrer's job only.
  '/partner/aanmelden/over-jou': onBehalf,
  '/team': staff,
  '/team/beheer': ['admin'],
  // Team, places and offers are the admin's to keep.
  '/team/beheer/planning': ['admin'],
  // The region's settings and its catalogue of next steps.
  '/team/beheer/regio': ['admin'],
  // A sign-up's planning page: planners (and the admin who stands in for them); a HOG worker sees only their own conversations.
  '/team/aanmelding/[id]': ['planner', 'admin'],
  '/team/gesprekken': ['worker'],
  // The calendar file of the resident's own conversation.
  '/mijn/gesprek/[id].ics': ['resident'],
  // The report is the resident's: they read, approve, share it and see who looked.
  '/mijn/verslag': ['resident'],
  '/mijn/verslag/pdf': ['resident'],
  '/mijn/verslag/delen': ['resident'],
  '/mijn/wie-keek': ['resident'],
  // The referrer reads (and downloads) the approved report of their own referral, and only when the
  // resident let it through; an id that is not theirs answers 404 like an unknown one.
  '/partner/verslag/[id]': ['referrer'],
  '/partner/verslag/[id]/pdf': ['referrer'],
  // Only HOG-medewerkers write reports (and then only their own duo's); planners never read them.
  '/team/verslag': ['worker'],
  // Break-glass access with a typed reason is for an admin alone.
  '/team/noodtoegang': ['admin'],
  // Where the region switch posts: anyone who works in a region (it only redirects).
  '/regio-wisselen': inRegion,
  // Landelijk beheer keeps the list of regions and sees counts only; no region role reaches it,
  // and a platform admin reaches no region's pages (it holds no membership).
  '/landelijk': ['platform'],
  '/landelijk/regio/[id]': ['platform'],
};

/** Every protected action. Everyone manages their own account; only an admin gives others access. */
export const actionExpectations: Record<string, Role[]> = {
  'account.changePassword': signedIn,
  'account.changeEmail': signedIn,
  'account.signOutOthers': signedIn,
  // Residents have no authenticator app, so no recovery codes either.
  'account.renewRecoveryCodes': withAuthenticator,
  // Working in another region is for people with roles in regions; residents and landelijk beheer have none.
  'account.switchRegion': inRegion,
  'admin.invite': ['admin'],
  // Ending someone's access (a partner who left) is the admin's, like giving it.
  'admin.deactivate': ['admin'],
  // A sign-up is the resident's own: a partner or the team never cancels or reopens it for them.
  'signup.cancel': ['resident'],
  'signup.undoCancel': ['resident'],
  'signup.startChange': ['resident'],
  'partner.saveStep': onBehalf,
  'partner.finish': onBehalf,
  // Only the resident decides that the partner no longer sees their sign-up.
  'partner.removeAccess': ['resident'],
  // "Telefonisch bevestigd" is the planners' work (an admin can see the queue too).
  'partner.confirmByPhone': ['planner', 'admin'],
  // Planners plan; only the duo records how a conversation went.
  'planning.contact': ['planner', 'admin'],
  'planning.propose': ['planner', 'admin'],
  'planning.confirmPhone': ['planner', 'admin'],
  'planning.recordAgreed': ['planner', 'admin'],
  'planning.handleRequest': ['planner', 'admin'],
  // Only staff of the sign-up's own region move it to another; never the resident or the duo.
  'planning.moveRegion': ['planner', 'admin'],
  'planning.outcome': ['worker'],
  // A follow-up may be planned by the duo itself (issue 13), only by HOG workers; which worker is
  // decided by the conversation (its duo), planners use planning.propose.
  'planning.proposeFollowUp': ['worker'],
  // The resident picks, asks and withdraws their naaste's invitation; nobody does that for them.
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
  // Saying no to the referrer's copy is the resident's own decision.
  'report.referrerObjection': ['resident'],
  'report.emergency': ['admin'],
  // Sharing is the resident's decision alone: no partner, planner or worker shares for them.
  'sharing.create': ['resident'],
  'sharing.change': ['resident'],
  // Making, changing and switching off regions, and inviting a region's first admin, are national:
  // a region's own admin changes its settings, never its postcode areas or host names.
  'platform.createRegion': ['platform'],
  'platform.updateRegion': ['platform'],
  'platform.setRegionActive': ['platform'],
  'platform.inviteAdmin': ['platform'],
};

/** Whether someone holding these roles may use a page or action (a person may hold several roles). */
export const mayUse = (allowed: readonly Role[], held: readonly Role[]): boolean => held.some((r) => allowed.includes(r));

/**
 * Who reads what a resident told when signing up (contact wishes, needs, naaste, their topic in
 * their own words), issue 23: the planner of the region and the duo from the agreed moment on, who
 * prepare the conversation. For anyone else on the team it does not exist: the same "not found" as
 * an unknown sign-up. An admin stands in for planning, not for reading someone's own words; the
 * break-glass access is for the report alone. Partners and referrers keep reference, first name, status.
 */
export const residentAnswersExpectations = {
  planner: 'reads',
  'duo worker, once the moment is agreed': 'reads',
  'duo worker, while moments are only proposed': 'not found',
  'worker outside the duo': 'not found',
  partner: 'not found',
  referrer: 'not found',
  'admin without emergency access': 'not found',
  'planner of another region': 'not found',
} as const satisfies Record<string, 'reads' | 'not found'>;
