// GET /api/admin/staff – the shop's admin accounts; POST adds one and answers its one-time set-password link (owners only)
import { createAccount, listAccounts, newAccountInput } from "@/lib/auth/staff-accounts";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async () => json({ accounts: await listAccounts() }));

export const POST = adminRoute(async ({ request, admin }) => {
  const input = await parseJson(request, newAccountInput);
  return json(await createAccount(input, admin), { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"], { admin: true });
