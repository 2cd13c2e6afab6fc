import { randomUUID } from 'node:crypto';
import type { Step } from './load.ts';

// The whole sign-up as a resident without JavaScript does it: each step's page, then its form.
const post = (path: string, action: string, fields: Record<string, string | string[]>): Step => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return { method: 'POST', path: `${path}?_action=${action}`, body: body.toString(), expect: [302, 303] };
};

const step = (name: string, fields: Record<string, string | string[]>): Step[] => [
  { path: `/aanmelden/${name}` },
  post(`/aanmelden/${name}`, 'signup.saveStep', { step: name, terug: '', website: '', ...fields }),
];

// Each sign-up has its own address, as residents do: one shared address would meet the per-recipient
// mail limit after ten and make the portal skip the mail it would really send.
export const signupFlow = (): Step[] => [
  ...step('over-jou', { callName: 'Bench', birthYear: '1990', postcode: '7001 AB' }),
  ...step('contact', { email: `bench-${randomUUID().slice(0, 8)}@example.test`, phone: '', bestTimes: '', voicemail: 'nee', sms: 'nee', senderNamed: 'nee' }),
  ...step('onderwerp', { topic: 'Een test van de snelheid', help: '' }),
  ...step('plek', { place: 'walk', address: '', otherPlace: '' }),
  ...step('wanneer', { 'days[]': ['di', 'do'], 'parts[]': ['middag'], start: 'asap' }),
  ...step('meenemen', {
    withNaaste: 'nee',
    naasteName: '',
    naasteRelation: '',
    naasteContact: '',
    language: 'nl',
    otherLanguage: '',
    interpreter: 'nee',
    accessibility: '',
  }),
  { path: '/aanmelden/controleren' },
  // The finish answers with a redirect to the confirmation page of its own, which the resident then loads.
  { ...post('/aanmelden/controleren', 'signup.finish', { consent: 'ja', account: 'none', accountPassword: '' }), expect: [303] },
  { path: '/aanmelden/klaar' },
];
