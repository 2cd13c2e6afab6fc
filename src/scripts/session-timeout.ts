// Warns two minutes before an idle sign-out and lets the person continue. The page is never
// reloaded or left, so whatever they were typing stays where it is. The markup is rendered (and
// translated) on the server, hidden; this only shows it. A plain module (about 1 KB) rather than a
// Svelte island, so signed-in pages stay within the sign-up page's 20 KB JavaScript budget.
const WARN_BEFORE_MS = 2 * 60_000;

export function watchSession(root: HTMLElement) {
  const warning = root.querySelector<HTMLElement>('[data-warning]');
  const expired = root.querySelector<HTMLElement>('[data-expired]');
  const button = root.querySelector<HTMLButtonElement>('button');
  if (!warning || !expired || !button) return;
  let timers: ReturnType<typeof setTimeout>[] = [];

  // Durations from the server, so a wrong clock on the device cannot trigger the warning early.
  const schedule = (remainingMs: number) => {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(
        () => {
          warning.hidden = false;
          button.focus();
        },
        Math.max(0, remainingMs - WARN_BEFORE_MS),
      ),
      setTimeout(
        () => {
          warning.hidden = true;
          expired.hidden = false;
        },
        Math.max(0, remainingMs),
      ),
    ];
  };

  button.addEventListener('click', async () => {
    try {
      const response = await fetch(root.dataset['refresh'] ?? '/sessie', { credentials: 'same-origin', cache: 'no-store' });
      const { active, remainingMs } = (await response.json()) as { active: boolean; remainingMs: number };
      if (!active) throw new Error('signed out');
      warning.hidden = true;
      schedule(remainingMs);
    } catch {
      warning.hidden = true;
      expired.hidden = false;
    }
  });

  schedule(Number(root.dataset['remainingMs'] ?? 0));
}
