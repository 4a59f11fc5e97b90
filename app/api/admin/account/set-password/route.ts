// POST /api/admin/account/set-password – a new admin sets their password through their one-time link (public: the link is the proof)
import { z } from "zod";
import { setPasswordWithLink } from "@/lib/auth/account-passwords";
import { json, parseJson, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const setPasswordInput = z.object({
  token: z.string().min(1, "The link is incomplete.").max(200),
  password: z.string().max(500),
});

export const POST = route(async ({ request }) => json(await setPasswordWithLink(await parseJson(request, setPasswordInput))));

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
