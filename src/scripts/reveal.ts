// Conditional reveal, as GOV.UK radios do it: the fields that belong to one choice (the address to
// "Bij mij thuis") sit right under that choice and show only while it is chosen. Without JavaScript
// they are all shown, each with an "only when you choose …" line, and the server checks the rest.
// The reader of a form's values is kept tiny on purpose: this ships on every page with such a choice.

/** Shows and enables each `data-show-when="name:value"` block only while that choice is made. */
function update(form: HTMLFormElement) {
  const data = new FormData(form);
  for (const block of form.querySelectorAll<HTMLElement>('[data-show-when]')) {
    const [name, value] = (block.dataset['showWhen'] ?? '').split(':');
    block.hidden = data.get(name!) !== value;
    // A hidden field is also disabled: what was typed there is not sent, so it cannot count silently.
    for (const field of block.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) field.disabled = block.hidden;
  }
}

export function enhanceReveals(form: HTMLFormElement) {
  // The "only when" lines are for the page without JavaScript; here the choice itself shows it.
  for (const line of form.querySelectorAll<HTMLElement>('[data-without-script]')) line.hidden = true;
  update(form);
  form.addEventListener('change', () => update(form));
}
