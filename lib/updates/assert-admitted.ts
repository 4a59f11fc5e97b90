// The waiting room's gate: while an update's room is on, its variants go into carts and checkouts only with a pass.
import { AppError } from "@/lib/app-error";
import { readRoomToken, type RoomTokens } from "./room-token";
import type { GoverningUpdate } from "./variant-updates";

export function waitingRoomPath(updateId: number): string {
  return `/updates/${updateId}/waiting-room`;
}

/**
 * Throws not_admitted (409, `roomUrl` beside the code) for the first live update with a room
 * (admitPerMinute set) whose pass the shopper does not hold: a genuine, unexpired pass of that
 * update. Checked on the server for every cart write and checkout after assertUpdatesLive, so a
 * script that skips the room page gets the same answer as a browser. A pass is a signature check,
 * no database read.
 */
export function assertAdmitted(governing: Iterable<GoverningUpdate | undefined>, tokens: RoomTokens, nowMs: number = Date.now()): void {
  for (const update of governing) {
    if (!update || update.state !== "live" || update.admitPerMinute === null) continue;
    if (readRoomToken(tokens.get(update.updateId), update.updateId, nowMs)?.kind === "pass") continue;
    const roomUrl = waitingRoomPath(update.updateId);
    throw new AppError("not_admitted", `${update.name} has a waiting room: please wait for your turn there.`, { updateId: update.updateId, roomUrl }, { fields: { roomUrl } });
  }
}
