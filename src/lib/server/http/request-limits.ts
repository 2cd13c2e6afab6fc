// What a request may carry before anything reads its body. Our forms are a few KB; refusing more
// up front keeps one anonymous post from tying up the server (413 before parsing).

const KB = 1024;

/** Body limits per action; a sign-up step holds two free texts of up to 4,000 characters each. */
const actionBodyLimits: Record<string, number> = {
  'signup.saveStep': 80 * KB,
};

export const DEFAULT_BODY_LIMIT = 16 * KB;
/** The largest of all: Astro's own action limit, a backstop for bodies without a length. */
export const MAX_BODY_LIMIT = Math.max(DEFAULT_BODY_LIMIT, ...Object.values(actionBodyLimits));

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The action a request calls: `/_actions/<name>` (scripts) or `?_action=<name>` (forms). */
export function actionName(url: URL): string | null {
  const rpc = /\/_actions\/([^/]+)$/.exec(url.pathname);
  return rpc ? decodeURIComponent(rpc[1]!) : url.searchParams.get('_action');
}

export type Refusal = { status: 411 | 413 | 415 };

export function refuseRequest(method: string, url: URL, headers: Headers): Refusal | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  const action = actionName(url);
  // Every action here takes a form; anything else (broken JSON included) is refused unread.
  const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (action && !FORM_TYPES.includes(type)) return { status: 415 };
  const length = headers.get('content-length');
  if (length === null) return headers.has('transfer-encoding') ? { status: 411 } : null;
  const bytes = Number(length);
  const limit = (action && actionBodyLimits[action]) || DEFAULT_BODY_LIMIT;
  return !Number.isSafeInteger(bytes) || bytes > limit ? { status: 413 } : null;
}
