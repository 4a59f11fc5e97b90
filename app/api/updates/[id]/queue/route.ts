// GET/POST /api/updates/[id]/queue – a shopper's place in a shop update's waiting room, and joining it
import { NextResponse } from "next/server";
import { clientAddress } from "@/lib/http/client-address";
import { parseIdParam } from "@/lib/http/id-param";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { parseJson, route } from "@/lib/http/route";
import { customerClientKey } from "@/lib/updates/customer-limit-key";
import { enterRoomInput } from "@/lib/updates/room-input";
import { roomCookieName, roomCookieOptions } from "@/lib/updates/room-token";
import { checkWaitingRoom, enterWaitingRoom, type RoomCookie, type RoomStatus } from "@/lib/updates/waiting-room";

export const dynamic = "force-dynamic";

/** The token rides only in its httpOnly cookie; the body says what the page shows. */
function roomResponse(result: RoomStatus): NextResponse {
  const { cookie, ...status }: { cookie?: RoomCookie } & RoomStatus = result;
  const response = NextResponse.json(status, { headers: { "cache-control": "no-store" } });
  if (cookie) response.cookies.set(cookie.name, cookie.token, roomCookieOptions(cookie.expiresAtMs, Date.now()));
  return response;
}

export const GET = route<{ id: string }>(async ({ request, params }) => {
  const updateId = parseIdParam(params);
  return roomResponse(await checkWaitingRoom({ updateId, token: request.cookies.get(roomCookieName(updateId))?.value }));
});

export const POST = route<{ id: string }>(async ({ request, params }) => {
  const updateId = parseIdParam(params);
  const { email } = await parseJson(request, enterRoomInput);
  return roomResponse(
    await enterWaitingRoom({ updateId, email, clientKey: customerClientKey(clientAddress(request.headers)), token: request.cookies.get(roomCookieName(updateId))?.value }),
  );
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
