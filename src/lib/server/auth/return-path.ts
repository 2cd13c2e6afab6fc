/** Only a path on this site: "//evil.example" or "https://..." would send people elsewhere. */
export function safeReturnPath(value: string | undefined | null, fallback = '/mijn'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}
