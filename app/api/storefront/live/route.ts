// GET /api/storefront/live – the live part of a cached storefront page: cart count, closed-shop banner, availability
import { json, parseQuery, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { liveStateQuery, readLiveState } from "@/lib/storefront/live-state";

export const GET = route(async ({ request }) => {
  const query = parseQuery(request, liveStateQuery);
  return json(await readLiveState(request, query.variants), { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
