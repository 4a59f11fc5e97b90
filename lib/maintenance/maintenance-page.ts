// The friendly "back soon" page, as one self-contained HTML document that middleware.ts can answer with.

export type MaintenancePageContent = { storeName: string; message: string; supportEmail: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

/**
 * Why a document of its own rather than a rewrite to an app route: a middleware rewrite is proxied
 * over HTTP whenever the server's own host name differs from the one Next gives middleware (it does
 * under `next start --hostname`), which turned the page into a 500; and a rendered route would read
 * the database on every closed request, which the 5-second flag cache exists to avoid. This page
 * needs nothing but the cached settings. The owner's words are escaped; the styles are inline so
 * the page needs no stylesheet from a build, and it reads well on a 390px phone.
 */
export function renderMaintenancePage({ storeName, message, supportEmail }: MaintenancePageContent): string {
  const name = escapeHtml(storeName);
  const email = escapeHtml(supportEmail);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Back soon · ${name}</title>
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #fafaf9; color: #1c1917;
    font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.5; }
  main { max-width: 36rem; padding: 4rem 1rem; text-align: center; }
  .store { font-family: ui-serif, Georgia, Cambria, "Times New Roman", serif; font-weight: 600; font-size: 1.125rem; color: #1f2b19; margin: 0; }
  h1 { font-family: ui-serif, Georgia, Cambria, "Times New Roman", serif; font-size: 1.875rem; color: #1f2b19; margin: 1.5rem 0 0; }
  .message { font-size: 1.125rem; color: #44403c; margin: 1rem 0 0; white-space: pre-line; overflow-wrap: anywhere; }
  .small { font-size: 0.875rem; color: #57534e; margin: 1.5rem 0 0; }
  a { color: #3d5630; text-underline-offset: 2px; overflow-wrap: anywhere; }
  a:focus-visible { outline: 2px solid #4d6b3c; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="store">${name}</p>
<h1>We’ll be back soon</h1>
<p class="message">${escapeHtml(message)}</p>
<p class="small">Orders already paid for are safe and will be sent as usual. Questions? Write to <a href="mailto:${email}">${email}</a>.</p>
</main>
</body>
</html>
`;
}
