declare namespace App {
  interface Locals {
    /** The page's language, from the address: `/en/...` is English, everything else Dutch. */
    lang: string;
    /** The address without its language prefix, used to link the same page in another language. */
    path: string;
    /** Set by the middleware from the session cookie; authorization happens in pages and actions. */
    user: import('./lib/server/auth/sessions.ts').SessionUser | null;
    session: import('./lib/server/auth/sessions.ts').Session | null;
    /** Signed in with a password, but a partner/team role still owes its second factor. */
    twoFactorPending: boolean;
    /** The region whose public pages this request shows (by host name or the visitor's choice); null: national. */
    region: import('./lib/server/region/queries.ts').Region | null;
    /** True when the host name is the region's own: then no other region can be chosen here. */
    regionFromHost: boolean;
    /** The client network (/24 or /48), for the access log and rate limits. */
    ipPrefix: string | null;
    /** Set when a post was refused before its body was read (411, 413, 415). */
    refusedStatus?: number;
    /** Set when an unexpected error was logged: the id the error page shows. */
    errorId?: string;
  }
}
