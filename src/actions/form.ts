import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'zod';
import { getT } from '../lib/i18n/index.ts';
import { parseLocalized, type FieldErrors } from '../lib/i18n/zod.ts';
import { cleanValue, formObject, isFieldName, MAX_FORM_FIELDS, TooManyFields } from '../lib/form-data.ts';
import type { RequestContext } from '../lib/server/accounts/context.ts';
import type { ProtectedAction } from '../lib/server/auth/access.ts';
import { requireAction } from '../lib/server/auth/guards.ts';
import { getDb, type Db } from '../lib/server/db/client.ts';
import { once } from '../lib/server/db/once.ts';

// Every form posts without JavaScript: the action parses with the page language's messages and
// answers with data the page renders (errors next to fields, what was typed kept). Secrets are
// never echoed back.
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string> };
export type FormResult<T extends object = object> = FormFailure | ({ ok: true } & T);

// Whole field names: a substring match would also hide "postcode".
const SECRET = /^(password|current|secret|code|token|accountPassword)$/;

/** What was typed, to show it again; a list (name[]) comes back comma-joined. */
export function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  let fields = 0;
  for (const [key, value] of form.entries()) {
    if (++fields > MAX_FORM_FIELDS) throw new TooManyFields();
    if (SECRET.test(key) || typeof value !== 'string' || !isFieldName(key)) continue;
    const name = key.replace(/\[\]$/, '');
    const clean = cleanValue(value);
    values[name] = name in values ? `${values[name]},${clean}` : clean;
  }
  return { ...values };
}

/** What was typed and what the schema gets; a form with more fields than any of ours is refused (413). */
export function readForm(form: FormData): { values: Record<string, string>; input: Record<string, unknown> } {
  try {
    return { values: typedValues(form), input: formObject(form) };
  } catch (error) {
    if (error instanceof TooManyFields) throw new ActionError({ code: 'CONTENT_TOO_LARGE' });
    throw error;
  }
}

export const requestContext = (ctx: ActionAPIContext): RequestContext => ({
  lang: ctx.locals.lang,
  ipPrefix: ctx.locals.ipPrefix,
  userAgent: ctx.request.headers.get('user-agent'),
});

/** A form's hidden `once` field (components/form/OnceKey.astro): random, so a fixed shape. */
const ONCE_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export type FormHelpers = {
  /** A failure with a translated message from the `auth` namespace, on a field or the whole form. */
  fail: (key: string, field?: string, values?: Record<string, unknown>) => FormFailure;
  ctx: RequestContext;
  /** Does `work` once for this form (its `once` key) and this person; a repeat gets the first answer (db/once.ts). */
  once: <T>(action: string, actor: string, work: (db: Db) => Promise<T>, keep: (result: T) => boolean) => Promise<T>;
};

/** `access`: the route-table entry; checked before anything is read, so a refusal is a plain 401/403. */
export function formAction<S extends z.ZodType, R extends object>(
  schema: S,
  handler: (input: z.output<S>, context: ActionAPIContext, helpers: FormHelpers) => Promise<FormResult<R>>,
  access?: ProtectedAction,
) {
  return defineAction({
    accept: 'form',
    handler: async (form: FormData, context): Promise<FormResult<R>> => {
      if (access) requireAction(context.locals, access);
      const { values, input } = readForm(form);
      const parsed = parseLocalized(schema, input, context.locals.lang);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
      const t = getT(context.locals.lang, 'auth');
      const fail = (key: string, field = '', tv: Record<string, unknown> = {}): FormFailure => ({
        ok: false,
        errors: [{ field, message: t(key, tv) }],
        values,
      });
      const key = typeof input['once'] === 'string' && ONCE_KEY.test(input['once']) ? input['once'] : undefined;
      const runOnce: FormHelpers['once'] = (action, actor, work, keep) => once(getDb(), { key, actor, action }, work, keep);
      return handler(parsed.data, context, { fail, ctx: requestContext(context), once: runOnce });
    },
  });
}
