/**
 * Only a path on this site. "//evil.example", "https://…", a backslash, or a tab or newline that
 * browsers strip ("/\t/evil.example" becomes "//evil.example") would send people elsewhere.
 */
export function safeReturnPath(value: string | undefined | null, fallback = '/mijn'): string {
  if (!value || !/^\/(?![/\\])[^\s\\]*$/.test(value)) return fallback;
  return value;
}
