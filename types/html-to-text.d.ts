// html-to-text ships no types; the one function this shop uses (lib/email/render-email.ts).
declare module "html-to-text" {
  import type { toPlainText } from "@react-email/render";

  type Options = NonNullable<Parameters<typeof toPlainText>[1]>;

  /** Compiles the options once; the returned function converts HTML to plain text with them. */
  export function compile(options?: Options): (html: string) => string;
}
