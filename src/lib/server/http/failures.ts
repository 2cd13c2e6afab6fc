import { defineMiddleware } from 'astro:middleware';
import { getT } from '../../i18n/index.ts';
import { isClientGone, isDatabaseUnavailable } from '../db/errors.ts';
import { describeError, reportError } from './report-error.ts';

// The one place where an unexpected error becomes a response. Pages and form posts (with or
// without JavaScript) get the calm 503 page when the database is away, otherwise the error page
// with an error id; `/_actions/` calls get the same as JSON. The detail goes to the log only.

const RPC = /^\/_actions\//;

function json(status: number, body: Record<string, unknown>): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  if (status === 503) headers['retry-after'] = '120';
  return new Response(JSON.stringify(body), { status, headers });
}

export const mapFailures = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    const where = `${context.request.method} ${context.url.pathname}`;
    const t = getT(context.locals.lang, 'errors');
    const rpc = RPC.test(context.url.pathname);
    // Nobody reads this answer; logged, thousands of slow clients would look like an outage.
    if (isClientGone(error)) return new Response(null, { status: 400 });
    if (isDatabaseUnavailable(error)) {
      console.error(`hog-portaal: database unavailable (${where}): ${describeError(error)}`);
      if (rpc) return json(503, { type: 'AstroActionError', code: 'SERVICE_UNAVAILABLE', status: 503, message: t('unavailable.body') });
      return context.rewrite('/niet-beschikbaar');
    }
    const errorId = reportError(error, where);
    if (rpc)
      return json(500, {
        type: 'AstroActionError',
        code: 'INTERNAL_SERVER_ERROR',
        status: 500,
        message: `${t('serverError.body')} ${t('serverError.reference', { id: errorId })}`,
        errorId,
      });
    context.locals.errorId = errorId;
    return context.rewrite('/500');
  }
});
