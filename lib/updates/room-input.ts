// What a shopper sends to join a waiting room: an email, optional, that makes "one place each" hold across browsers.
import { z } from "zod";

const blankAsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const enterRoomInput = z.object({
  email: z.preprocess(blankAsAbsent, z.email("Enter a valid email address.").max(254).toLowerCase().optional()),
});

export type EnterRoomInput = z.infer<typeof enterRoomInput>;
