// Every action the access log may record on a resident's sign-up or report, and the words it gets
// in their "wie keek". The type of `logAccess` only takes these for `registration:`/`report:`
// objects, and tests/unit/look-labels.test.ts checks each has a label in every language: a new
// kind of look cannot reach the resident as an internal code.
//
// The value is the label's key under `report:looked.did.<object>`. Two actions may share a label.

export const registrationLooks = {
  'registration.created': 'created',
  'registration.created_by_partner': 'createdByPartner',
  'registration.changed': 'changed',
  'registration.cancelled': 'cancelled',
  'registration.cancel_undone': 'cancelUndone',
  'registration.viewed': 'viewed',
  'registration.listed': 'listed',
  'registration.listed_for_partner': 'listed',
  'registration.letter_printed': 'letterPrinted',
  'registration.opened_for_confirmation': 'openedForConfirmation',
  'registration.confirmed': 'confirmed',
  'registration.confirmed_by_phone': 'confirmedByPhone',
  'registration.duplicate_dropped': 'duplicateDropped',
  'registration.partner_reminded': 'partnerReminded',
  'registration.deleted_unconfirmed': 'deletedUnconfirmed',
  'registration.partner_access_removed': 'partnerAccessRemoved',
  'registration.moved_region': 'movedRegion',
  'registration.referred': 'referred',
  'registration.referral_reason_read': 'referralReasonRead',
  'registration.answers_read': 'answersRead',
  'registration.referrer_objected': 'referrerObjected',
  'registration.referrer_objection_undone': 'referrerObjectionUndone',
  'registration.referrer_consented': 'referrerConsented',
  'registration.referrer_refused': 'referrerRefused',
  'planning.contact': 'contact',
  'planning.propose': 'proposed',
  'planning.confirm.resident': 'chose',
  'planning.confirm.phone': 'choseByPhone',
  'planning.request_handled.other_moment': 'requestOtherMoment',
  'planning.request_handled.move': 'requestMove',
  'planning.request_handled.follow_up': 'requestFollowUp',
  'planning.outcome.held': 'held',
  'planning.outcome.no_show': 'noShow',
  'planning.outcome.cancelled': 'notHeld',
  'invitation.viewed': 'invitationViewed',
} as const;

export const reportLooks = {
  viewed: 'viewed',
  changed: 'changed',
  approved: 'approved',
  approved_by_phone: 'approvedByPhone',
  downloaded: 'downloaded',
  shared: 'shared',
  shared_by_hand: 'sharedByHand',
  renewed: 'renewed',
  withdrew: 'withdrew',
} as const;

export type RegistrationAction = keyof typeof registrationLooks;
export type ReportAction = keyof typeof reportLooks;

export const lookLabels = { registration: registrationLooks, report: reportLooks } as const;

/** The label key of a logged action, or null for one this code no longer writes (the log keeps old rows). */
export function lookLabel(what: 'registration' | 'report', action: string): string | null {
  const table: Record<string, string> = lookLabels[what];
  return Object.hasOwn(table, action) ? table[action]! : null;
}
