import * as z from 'zod/mini';
import { formObject } from '../lib/form-data.ts';
import { makeErrorMap, translateMessage, translatorFor } from '../lib/i18n/zod-map.ts';
import { stepSchemas } from '../lib/schemas/signup.ts';

// Enhances one server-rendered step of /aanmelden: the same zod schema as the action checks the
// whole step on submit, and only then (as GOV.UK does). A check when a field is left made its
// message appear or vanish on the way to the button: the button moved from under the finger and
// the tap was lost. So the messages change only when "Volgende stap" is pressed, and then show
// exactly what is still wrong. The form still posts to the same action; without JavaScript nothing
// here runs. Fields that belong to one choice are shown and hidden by scripts/reveal.ts.
// Plain TypeScript, not a Svelte island: Svelte's hydration runtime alone is 13.7 KB gzipped, and
// with zod/mini the page would ship 23 KB, over its 20 KB budget. This way it ships about 9 KB.
type Step = keyof typeof stepSchemas;
type Issue = { field: string; message: string };

function check(form: HTMLFormElement, step: Step, translate: ReturnType<typeof translatorFor>): Issue[] {
  const result = z.safeParse(stepSchemas[step], formObject(new FormData(form)), { error: makeErrorMap(translate) });
  if (result.success) return [];
  return result.error.issues.map((i) => ({ field: i.path.join('.'), message: translateMessage(i.message, translate) }));
}

/** A copy of a template that FieldChecks.astro renders: the markup and words stay on the server. */
const copy = (id: string) => (document.getElementById(id) as HTMLTemplateElement).content.firstElementChild!.cloneNode(true) as HTMLElement;

/**
 * Writes each field's message next to it, the way the server renders it. The messages of the last
 * post go first (FieldNotes.astro's `…-error`): this check is newer, so a field fixed since then
 * shows no message any more.
 */
function mark(form: HTMLFormElement, shown: Issue[]) {
  for (const old of form.querySelectorAll('[data-client-error], .utrecht-form-field-error-message[id$="-error"]')) old.remove();
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.utrecht-textbox--invalid')) el.classList.remove('utrecht-textbox--invalid');
  for (const el of form.querySelectorAll('[aria-describedby$="-error"]')) {
    const described = el
      .getAttribute('aria-describedby')!
      .split(' ')
      .filter((id) => !id.endsWith('-error'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  for (const { field, message } of shown) {
    const target = form.querySelector<HTMLElement>(`#veld-${CSS.escape(field)}`);
    if (!target) continue;
    const note = copy('sjabloon-veldfout');
    note.id = `veld-${field}-client-error`;
    note.textContent = message;
    if (target.tagName === 'FIELDSET') target.querySelector('legend')?.after(note);
    else target.closest('.utrecht-form-field')?.querySelector('.utrecht-form-field__input')?.before(note);
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
  }
}

/** The list at the top, each message a link to its field, focused so a screen reader reads it. It
 * takes the place of the server's list (ErrorSummary.astro), which may name fields fixed since. */
function showSummary(form: HTMLFormElement, issues: Issue[]) {
  for (const id of ['fouten-in-browser', 'fouten']) document.getElementById(id)?.remove();
  const box = copy('sjabloon-fouten');
  for (const { field, message } of issues) {
    const item = copy('sjabloon-fout');
    const link = item.firstElementChild as HTMLAnchorElement;
    link.href = `#veld-${field}`;
    link.textContent = message;
    box.querySelector('ul')!.append(item);
  }
  form.before(box);
  box.focus();
}

export function enhanceSignupForm(form: HTMLFormElement) {
  const step = form.dataset['step'] as Step;
  if (!(step in stepSchemas)) return;
  const translate = translatorFor(JSON.parse(form.dataset['messages'] ?? '{}') as Record<string, string>);
  form.addEventListener('submit', (event) => {
    const issues = check(form, step, translate);
    if (issues.length === 0) return;
    event.preventDefault();
    mark(form, issues);
    showSummary(form, issues);
  });
}
