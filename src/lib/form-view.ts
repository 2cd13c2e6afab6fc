import type { FieldErrors } from './i18n/zod.ts';

type Failure = { ok: false; errors: FieldErrors; values: Record<string, string> };
type AnyResult = { data?: unknown; error?: unknown } | undefined;

/** What a page needs from an action result to redraw its form: errors per field and typed values. */
export type FormView = { errors: FieldErrors; values: Record<string, string>; error: (field: string) => string | undefined };

export function formView(result: AnyResult, fallbackMessage: string): FormView {
  let errors: FieldErrors = [];
  let values: Record<string, string> = {};
  const data = result?.data as Failure | { ok: true } | undefined;
  if (data && !data.ok) ({ errors, values } = data);
  // An ActionError (signed out meanwhile, no permission) has no fields: one message for the form.
  else if (result?.error) errors = [{ field: '', message: fallbackMessage }];
  return { errors, values, error: (field) => errors.find((e) => e.field === field)?.message };
}

/** The successful result's data, typed by the caller. */
export function succeeded<T>(result: AnyResult): (T & { ok: true }) | null {
  const data = result?.data as { ok?: boolean } | undefined;
  return data?.ok ? (data as T & { ok: true }) : null;
}

/** Whether sending a sign-up failed because its place was switched off (the page then goes to the place step). */
export const placeWasGone = (result: AnyResult): boolean => !!(result?.data as { placeGone?: boolean } | undefined)?.placeGone;

/** The place step after such a failure: the message on the place question, the other answers kept. */
export const placeGoneView = (message: string, values: Record<string, string>): FormView =>
  formView({ data: { ok: false, errors: [{ field: 'place', message }], values } }, message);

/** The aria-describedby of a control whose hint and error FieldNotes.astro renders. */
export const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
