import { ActionError } from 'astro:actions';

// Astro turns any error thrown in an action into an INTERNAL_SERVER_ERROR that carries the error's
// own message (drizzle's "Failed query ... params ...") to the client, and logs nothing. Wrapped,
// an action still answers ActionErrors (input, 401, 403) itself, but lets every other error reach
// the middleware that maps failures in one place (src/lib/server/http/failures.ts).

type SafeResult = { data: unknown; error: undefined } | { data: undefined; error: ActionError };
type Action = ((this: unknown, input: unknown) => Promise<SafeResult>) & { orThrow: (this: unknown, input: unknown) => Promise<unknown> };

const isAction = (value: unknown): value is Action => typeof value === 'function' && typeof (value as Action).orThrow === 'function';
// Astro's marker for "called by the framework with a request", not from server code.
const fromRequest = (self: unknown) => typeof self === 'object' && self !== null && Reflect.get(self, Symbol.for('astro.actionAPIContext')) === true;

function rethrowing(action: Action): Action {
  const wrapped = async function (this: unknown, input: unknown): Promise<SafeResult> {
    if (!fromRequest(this)) return action.call(this, input);
    try {
      return { data: await action.orThrow.call(this, input), error: undefined };
    } catch (error) {
      if (error instanceof ActionError) return { data: undefined, error };
      throw error;
    }
  };
  return Object.assign(wrapped, { orThrow: action.orThrow });
}

/** The same tree of actions, each one letting unexpected errors through to the middleware. */
export function rethrowUnexpected<T extends object>(tree: T): T {
  return Object.fromEntries(
    Object.entries(tree).map(([name, value]) => [
      name,
      isAction(value) ? rethrowing(value) : typeof value === 'object' && value ? rethrowUnexpected(value) : value,
    ]),
  ) as T;
}
