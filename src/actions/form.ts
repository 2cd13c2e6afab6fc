import { defineAction, type ActionAPIContext } from 'astro:actions';
import type { z } from 'zod';
import { getT } from '../lib/i18n/index.ts';
import { parseLocalized, type FieldErrors } from '../lib/i18n/zod.ts';
import { formObject } from '../lib/form-data.ts';

export { formObject };
import type { RequestContext } from '../lib/server/accounts/context.ts';
import type { ProtectedAction } from '../lib/server/auth/access.ts';
import { requireAction } from '../lib/server/auth/guards.ts';

// Every form posts without JavaScript: the action parses with the page language's messages and
// answers with data the page renders (errors next to fields, what was typed kept). Secrets are
// never echoed back.
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string> };
export type FormResult<T extends object = object> = FormFailure | ({ ok: true } & T);

// Whole field names: a substring match would also hide "postcode".
const SECRET = /^(password|current|secret|code|token|accountPassword)$/;

/** What was typed, to show it again; a list (name[]) comes back comma-joined. */
export function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of new Set(form.keys())) {
    if (SECRET.test(key)) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key.replace(/\[\]$/, '')] = all.join(',');
  }
  return values;
}

export const requestContext = (ctx: ActionAPIContext): RequestContext => ({
  lang: ctx.locals.lang,
  ipPrefix: ctx.locals.ipPrefix,
  userAgent: ctx.request.headers.get('user-agent'),
});

export type FormHelpers = {
  /** A failure with a translated message from the `auth` namespace, on a field or the whole form. */
  fail: (key: string, field?: string, values?: Record<string, unknown>) => FormFailure;
  ctx: RequestContext;
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
      const values = typedValues(form);
      const parsed = parseLocalized(schema, formObject(form), context.locals.lang);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
      const t = getT(context.locals.lang, 'auth');
      const fail = (key: string, field = '', tv: Record<string, unknown> = {}): FormFailure => ({
        ok: false,
        errors: [{ field, message: t(key, tv) }],
        values,
      });
      return handler(parsed.data, context, { fail, ctx: requestContext(context) });
    },
  });
}
