declare namespace App {
  interface Locals {
    /** The page's language, from the address: `/en/...` is English, everything else Dutch. */
    lang: string;
    /** The address without its language prefix, used to link the same page in another language. */
    path: string;
  }
}
