import * as z from 'zod/mini';
import { formObject } from '../lib/form-data.ts';
import { makeErrorMap, translateMessage, translatorFor } from '../lib/i18n/zod-map.ts';
import { stepSchemas } from '../lib/schemas/signup.ts';

// Enhances one server-rendered step of /aanmelden: the same zod schema as the action checks each
// field when it is left and the whole step on submit, and fields that do not apply are hidden.
// The form still posts to the same action; without JavaScript nothing here runs.
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

/** Writes each field's message next to it, the way the server renders it. */
function mark(form: HTMLFormElement, shown: Issue[]) {
  for (const old of form.querySelectorAll('[data-client-error]')) old.remove();
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const { field, message } of shown) {
    const target = form.querySelector<HTMLElement>(`#veld-${CSS.escape(field)}`);
    if (!target) continue;
    const note = copy('sjabloon-veldfout');
    note.id = `veld-${field}-client-error`;
    note.textContent = message;
    if (target.tagName === 'FIELDSET') target.querySelector('legend')?.after(note);
    else target.closest('.utrecht-form-field')?.querySelector('.utrecht-form-field__input')?.before(note);
    target.setAttribute('aria-invalid', 'true');
    const described = (target.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-client-error'));
    target.setAttribute('aria-describedby', [...described, note.id].join(' '));
  }
}

/** The list at the top, each message a link to its field, focused so a screen reader reads it. */
function showSummary(form: HTMLFormElement, issues: Issue[]) {
  document.getElementById('fouten-in-browser')?.remove();
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

/** Shows and enables a field only when its condition (data-show-when="name:value") holds. */
function toggle(form: HTMLFormElement) {
  const values = formObject(new FormData(form));
  for (const el of form.querySelectorAll<HTMLElement>('[data-show-when]')) {
    const [name, value] = (el.dataset['showWhen'] ?? '').split(':');
    el.hidden = values[name!] !== value;
    // A hidden field is also disabled: what was typed there is not sent, so it cannot count silently.
    for (const input of el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) input.disabled = el.hidden;
  }
}

export function enhanceSignupForm(form: HTMLFormElement) {
  const step = form.dataset['step'] as Step;
  if (!(step in stepSchemas)) return;
  const translate = translatorFor(JSON.parse(form.dataset['messages'] ?? '{}') as Record<string, string>);
  const touched = new Set<string>();
  let submitted = false;
  const refresh = () => {
    const issues = check(form, step, translate);
    mark(form, submitted ? issues : issues.filter((i) => touched.has(i.field)));
  };
  toggle(form);
  form.addEventListener('change', () => {
    toggle(form);
    if (submitted) refresh();
  });
  form.addEventListener('focusout', (event) => {
    const name = (event.target as HTMLInputElement).name?.replace(/\[\]$/, '');
    if (!name) return;
    touched.add(name);
    // Going to the submit button: a message appearing now would move the button away under the
    // pointer and swallow the click. The submit check shows everything a moment later anyway.
    if ((event as FocusEvent).relatedTarget instanceof HTMLButtonElement) return;
    refresh();
  });
  form.addEventListener('submit', (event) => {
    const issues = check(form, step, translate);
    if (issues.length === 0) return;
    event.preventDefault();
    submitted = true;
    mark(form, issues);
    showSummary(form, issues);
  });
}
