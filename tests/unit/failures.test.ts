import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { ActionError, defineAction } from 'astro:actions';
import { DrizzleQueryError } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rethrowUnexpected } from '../../src/actions/rethrow.ts';
import { mapFailures } from '../../src/lib/server/http/failures.ts';
import { describeError, newErrorId } from '../../src/lib/server/http/report-error.ts';
import ServerError from '../../src/pages/500.astro';

// A failed insert as drizzle reports it: the message lists the parameters, personal data included.
const failedQuery = () => {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_idx"'), {
    name: 'PostgresError',
    code: '23505',
    detail: 'Key (email)=(robin@voorbeeld.nl) already exists.',
  });
  return new DrizzleQueryError('insert into "users" ("email", "name") values ($1, $2)', ['robin@voorbeeld.nl', 'Robin de Vries'], cause);
};
const personal = /robin@voorbeeld\.nl|Robin de Vries|params:/;
const refused = () => new DrizzleQueryError('select 1', [], Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));

function context(pathname: string, lang = 'nl') {
  const locals = { lang } as App.Locals;
  const rewrite = vi.fn(async (to: string) => new Response(`rewritten to ${to}`, { status: to === '/500' ? 500 : 503 }));
  return { request: new Request(`http://portal.test${pathname}`, { method: 'POST' }), url: new URL(`http://portal.test${pathname}`), locals, rewrite };
}
const run = (ctx: ReturnType<typeof context>, error: unknown) =>
  (mapFailures as (c: unknown, next: () => Promise<Response>) => Promise<Response>)(ctx, () => Promise.reject(error));

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('error reports', () => {
  it('log the SQL and the driver error, never the parameters or the server detail', () => {
    const text = describeError(failedQuery());
    expect(text).toContain('insert into "users" ("email", "name") values ($1, $2)');
    expect(text).toContain('PostgresError [23505]: duplicate key value violates unique constraint "users_email_idx"');
    expect(text).not.toMatch(personal);
  });

  it('use short ids that are easy to read out', () => {
    const ids = new Set(Array.from({ length: 200 }, newErrorId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  });
});

describe('mapping failures in one place', () => {
  it('a page or form post gets the error page with an id; the log has the detail under that id', async () => {
    const ctx = context('/aanmelden/controleren');
    const response = await run(ctx, failedQuery());
    expect(ctx.rewrite).toHaveBeenCalledWith('/500');
    expect(response.status).toBe(500);
    const id = ctx.locals.errorId!;
    expect(id).toMatch(/^[A-Z2-9]{8}$/);
    expect(logged.join('\n')).toContain(`error ${id} (POST /aanmelden/controleren)`);
    expect(logged.join('\n')).not.toMatch(personal);
  });

  it('an action call gets JSON with a translated message and the id, and no internals', async () => {
    const response = await run(context('/_actions/signup.finish', 'en'), failedQuery());
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: expect.stringContaining('This is not your fault') });
    expect(body.message).toContain(body.errorId);
    expect(JSON.stringify(body)).not.toMatch(/Failed query|insert into|23505/);
  });

  it('a database that is away gives the calm 503 page to pages and a 503 to action calls', async () => {
    const page = context('/aanmelden/over-jou');
    expect((await run(page, refused())).status).toBe(503);
    expect(page.rewrite).toHaveBeenCalledWith('/niet-beschikbaar');
    const rpc = await run(context('/_actions/signup.saveStep'), refused());
    expect(rpc.status).toBe(503);
    expect(rpc.headers.get('retry-after')).toBe('120');
    expect((await rpc.json()).message).toContain('Er is niets verloren gegaan');
  });
});

describe('actions', () => {
  const apiContext = () => ({ [Symbol.for('astro.actionAPIContext')]: true, locals: {} });
  const failing = defineAction({
    accept: 'form',
    handler: async () => {
      throw failedQuery();
    },
  });
  const refusing = defineAction({
    accept: 'form',
    handler: async () => {
      throw new ActionError({ code: 'FORBIDDEN' });
    },
  });

  it('left to Astro, an unexpected error carries its message (with the parameters) to the client', async () => {
    const result = await (failing as unknown as (this: unknown, i: FormData) => Promise<{ error?: Error }>).call(apiContext(), new FormData());
    expect(result.error?.message).toMatch(personal);
  });

  it('wrapped, an unexpected error goes on to the middleware and an ActionError stays an answer', async () => {
    const { failing: wrappedFailing, nested } = rethrowUnexpected({ failing, nested: { refusing } });
    const call = (action: unknown) => (action as (this: unknown, i: FormData) => Promise<{ error?: ActionError }>).call(apiContext(), new FormData());
    await expect(call(wrappedFailing)).rejects.toBeInstanceOf(DrizzleQueryError);
    expect((await call(nested.refusing)).error?.code).toBe('FORBIDDEN');
  });
});

describe('the error page', () => {
  it('shows the error id, in the page language', async () => {
    const container = await AstroContainer.create();
    const locals = {
      lang: 'en',
      path: '/',
      user: null,
      session: null,
      twoFactorPending: false,
      ipPrefix: null,
      region: null,
      regionFromHost: false,
      errorId: 'K7Q2M9XD',
    };
    const response = await container.renderToResponse(ServerError, { locals });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('Error code: K7Q2M9XD.');
  });
});
