// POST /api/waitlist/unsubscribe – leave a colourway's waitlist by its signed link (the confirm page's form, or a mail client's one-click POST)
// GET  /api/waitlist/unsubscribe – a mail client that opens the List-Unsubscribe link instead: on to the confirm page, nothing changed
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseQuery, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { unsubscribeFromWaitlist } from "@/lib/waitlist/unsubscribe";
import { WAITLIST_UNSUBSCRIBE_PAGE, waitlistUnsubscribePath } from "@/lib/email/waitlist-unsubscribe-token";

export const dynamic = "force-dynamic";

const unsubscribeQuery = z.object({ token: z.string().min(1).max(100) });

const toConfirmPage = (token: string) =>
  new NextResponse(null, { status: 303, headers: { location: waitlistUnsubscribePath(WAITLIST_UNSUBSCRIBE_PAGE, token), "cache-control": "no-store" } });

/**
 * The signed token is the authority, not the visitor's origin: a mail provider's RFC 8058 POST
 * comes from its own servers. A browser posting the confirm page's form goes back to that page,
 * which then says it is done; any other caller gets JSON.
 */
export const POST = route(async ({ request }) => {
  const { token } = parseQuery(request, unsubscribeQuery);
  const result = await unsubscribeFromWaitlist(token);
  if (request.headers.get("accept")?.includes("text/html")) {
    // A relative Location: the server's own idea of its host (localhost behind a proxy) may not be the
    // address the shopper used, and the page's CSP (form-action 'self') refuses a redirect to another.
    return toConfirmPage(token);
  }
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
}, { caller: "server-to-server" });

/**
 * A GET changes nothing (link scanners and previews open links): it goes on to the page that asks
 * the knitter to confirm, token and all. The token is not checked here; the page checks it.
 */
export const GET = route(async ({ request }) => {
  const { token } = parseQuery(request, unsubscribeQuery);
  return toConfirmPage(token);
}, { caller: "server-to-server" });

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
