// POST /api/waitlist – sign up for one email when a sold-out colourway is back (201 new, 200 already waiting)
import { json, parseJson, route } from "@/lib/http/route";
import { clientAddress } from "@/lib/http/client-address";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { signUpForWaitlist, waitlistSignUpInput } from "@/lib/waitlist/sign-up";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request }) => {
  const input = await parseJson(request, waitlistSignUpInput);
  const { signup, created } = await signUpForWaitlist({ ...input, client: clientAddress(request.headers) });
  return json({ signup }, { status: created ? 201 : 200, headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
