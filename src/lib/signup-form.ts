import type { SignupAnswers } from './schemas/signup.ts';

const yn = (v: boolean | undefined) => (v === undefined ? '' : v ? 'ja' : 'nee');

/** A step's saved answers as form values, so "terug" and "wijzig" show what was typed. */
export function draftValues(step: string, a: SignupAnswers): Record<string, string> {
  switch (step) {
    case 'over-jou':
      return a.about ? { callName: a.about.callName, birthYear: String(a.about.birthYear), postcode: a.about.postcode } : {};
    case 'contact':
      return a.contact
        ? {
            email: a.contact.email ?? '',
            phone: a.contact.phone ?? '',
            bestTimes: a.contact.bestTimes ?? '',
            voicemail: yn(a.contact.voicemail),
            sms: yn(a.contact.sms),
            senderNamed: yn(a.contact.senderNamed),
          }
        : {};
    case 'onderwerp':
      return a.topic ? { topic: a.topic.topic ?? '', help: a.topic.help ?? '' } : {};
    case 'plek':
      return a.place ? { place: a.place.place, address: a.place.address ?? '', otherPlace: a.place.otherPlace ?? '' } : {};
    case 'wanneer':
      return a.when ? { days: a.when.days.join(','), parts: a.when.parts.join(','), start: a.when.start, from: a.when.from ?? '' } : {};
    case 'meenemen':
      return a.naaste
        ? {
            withNaaste: yn(a.naaste.withNaaste),
            naasteName: a.naaste.naasteName ?? '',
            naasteRelation: a.naaste.naasteRelation ?? '',
            naasteContact: a.naaste.naasteContact ?? '',
            inviteNaaste: yn(a.naaste.inviteNaaste),
            language: a.naaste.language,
            otherLanguage: a.naaste.otherLanguage ?? '',
            interpreter: yn(a.naaste.interpreter),
            accessibility: a.naaste.accessibility ?? '',
          }
        : {};
    case 'akkoord':
      return a.partner
        ? {
            consentMethod: a.partner.consentMethod,
            contactPerson: a.partner.contactPerson,
            partnerInformed: yn(a.partner.partnerInformed),
            ...(a.partner.practice !== undefined ? { practice: a.partner.practice } : {}),
            ...(a.partner.reason !== undefined ? { reason: a.partner.reason } : {}),
          }
        : {};
    default:
      return {};
  }
}
