import { localizePath } from '../../i18n/paths.ts';
import { config } from '../config.ts';

/** Who is asking, from where: what every account action needs for its log and its mails. */
export type RequestContext = {
  lang: string;
  ipPrefix: string | null;
  userAgent: string | null;
  /** The device cookie, for signing in (see auth/devices.ts). */
  deviceCookie?: string | null;
};

/** An absolute link for an e-mail, in the recipient's language. */
export function mailLink(path: string, lang: string): string {
  return `${config().publicOrigin}${localizePath(path, lang)}`;
}
