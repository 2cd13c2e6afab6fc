// A resident signing up without JavaScript, as plain HTTP: each step is a form post with the
// browser's Origin header and cookies, followed by the redirect to the next step.

const year = new Date().getFullYear();

const steps: [string, Record<string, string | string[]>][] = [
  ['over-jou', { callName: 'Robin', birthYear: String(year - 30), postcode: '7001 AB' }],
  ['contact', { phone: '06 12345678', voicemail: 'nee', sms: 'nee', senderNamed: 'nee' }],
  ['onderwerp', { topic: 'Ik slaap slecht sinds de verhuizing.' }],
  ['plek', { place: 'walk' }],
  ['wanneer', { 'days[]': ['di', 'do'], 'parts[]': ['middag'], start: 'asap' }],
  ['meenemen', { withNaaste: 'nee', language: 'nl', interpreter: 'nee' }],
];

export type Outcome = { status: number | 'network'; ms: number; what: string; leak?: boolean };

/** Internals that must never reach a client: drizzle's query text and params, driver errors, stacks. */
export const LEAK =
  /Failed query|params:|ECONNREFUSED|CONNECTION_CLOSED|PostgresError|DatabaseError|Connection terminated|not queryable|at \S+\.(js|ts|mjs):\d+/i;
export type FlowResult = { reference: string } | { stopped: Outcome };

function body(step: string, fields: Record<string, string | string[]>): string {
  const form = new URLSearchParams({ step, terug: '' });
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form.toString();
}

export class SignupClient {
  private cookies = new Map<string, string>();
  private base: string;
  private record: (o: Outcome) => void;
  constructor(base: string, record: (o: Outcome) => void) {
    this.base = base;
    this.record = record;
  }

  private async request(method: 'GET' | 'POST', path: string, form?: string): Promise<{ status: number | 'network'; text: string; location: string | null }> {
    const started = performance.now();
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (form !== undefined) Object.assign(headers, { origin: this.base, 'content-type': 'application/x-www-form-urlencoded' });
    let result: { status: number | 'network'; text: string; location: string | null };
    try {
      const response = await fetch(this.base + path, { method, headers, body: form ?? null, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const value = pair.slice(at + 1);
        if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, at));
        else this.cookies.set(pair.slice(0, at), value);
      }
      result = { status: response.status, text: await response.text(), location: response.headers.get('location') };
    } catch {
      result = { status: 'network', text: '', location: null };
    }
    this.record({ status: result.status, ms: performance.now() - started, what: `${method} ${path}`, leak: LEAK.test(result.text) });
    return result;
  }

  /** All seven steps; stops at the first answer that is not the next step (a 503 page, mostly). */
  async signUp(): Promise<FlowResult> {
    this.cookies.clear();
    for (const [step, fields] of steps) {
      const posted = await this.request('POST', `/aanmelden/${step}?_action=signup.saveStep`, body(step, fields));
      if (posted.status !== 302 && posted.status !== 303) return { stopped: { status: posted.status, ms: 0, what: `${step}: ${posted.text.slice(0, 200)}` } };
      const page = await this.request('GET', new URL(posted.location ?? '/', this.base).pathname);
      if (page.status !== 200) return { stopped: { status: page.status, ms: 0, what: `after ${step}` } };
    }
    const sent = await this.request('POST', '/aanmelden/controleren?_action=signup.finish', new URLSearchParams({ consent: 'ja', account: 'none' }).toString());
    // A sent sign-up redirects to its confirmation page, which names it to this client's cookie.
    if (sent.status !== 303) return { stopped: { status: sent.status, ms: 0, what: 'finish' } };
    const done = await this.request('GET', new URL(sent.location ?? '/', this.base).pathname);
    const reference = /HOG-[A-Z0-9]{6}/.exec(done.text)?.[0];
    if (done.status === 200 && reference) return { reference };
    return { stopped: { status: done.status, ms: 0, what: 'finish' } };
  }
}
