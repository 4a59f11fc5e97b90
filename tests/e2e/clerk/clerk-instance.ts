// Test helper: the Clerk instance the "clerk" Playwright project's server trusts, and its signing key.
// The key pair is generated once, when playwright.config.ts first loads, and handed to the workers
// (which load the config again) through the environment they inherit.
import { generateClerkKeyPair } from "../../factories/admin-clerk";

/** Clerk's frontend API host; a `pk_live_` key is the base64 of it with a trailing `$`. */
export const CLERK_FRONTEND_API = "clerk.example.com";
export const CLERK_ISSUER = `https://${CLERK_FRONTEND_API}`;
export const CLERK_ADMIN_USER_ID = "user_e2e_owner";
/** A staff member (STAFF_USER_IDS): packs and counts, but no refunds, customers or exports. */
export const CLERK_STAFF_USER_ID = "user_e2e_packer";

const PUBLIC_KEY_VARIABLE = "E2E_CLERK_JWT_KEY";
const PRIVATE_KEY_VARIABLE = "E2E_CLERK_JWT_PRIVATE_KEY";

export function clerkKeyPair(): { publicKey: string; privateKey: string } {
  const publicKey = process.env[PUBLIC_KEY_VARIABLE];
  const privateKey = process.env[PRIVATE_KEY_VARIABLE];
  if (publicKey && privateKey) return { publicKey, privateKey };
  const pair = generateClerkKeyPair();
  process.env[PUBLIC_KEY_VARIABLE] = pair.publicKey;
  process.env[PRIVATE_KEY_VARIABLE] = pair.privateKey;
  return pair;
}

/** What the Clerk project's server runs with, beside the shop's ordinary test settings. */
export function clerkServerEnv(): Record<string, string> {
  return {
    // Production-style keys: a development instance would first need a handshake with Clerk's servers.
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from(`${CLERK_FRONTEND_API}$`).toString("base64")}`,
    CLERK_SECRET_KEY: "sk_live_e2e_not_a_real_key_0123456789",
    CLERK_JWT_KEY: clerkKeyPair().publicKey,
    ADMIN_USER_IDS: CLERK_ADMIN_USER_ID,
    STAFF_USER_IDS: CLERK_STAFF_USER_ID,
  };
}
