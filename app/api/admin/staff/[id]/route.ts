// PATCH /api/admin/staff/[id] – rename, change the role, disable or re-enable an account; DELETE removes it (owners only; never the last owner)
import { z } from "zod";
import { accountChangeInput, changeAccount, deleteAccount } from "@/lib/auth/staff-accounts";
import { adminRoute } from "@/lib/http/admin-route";
import { json, parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().min(1).max(64) });

export const PATCH = adminRoute<{ id: string }>(async ({ request, params, admin }) => {
  const { id } = idParam.parse(params);
  const input = await parseJson(request, accountChangeInput);
  return json({ account: await changeAccount(id, input, admin) });
});

export const DELETE = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = idParam.parse(params);
  await deleteAccount(id, admin);
  return json({ deleted: true });
});

export const { GET, POST, PUT } = methodsNotAllowed(["PATCH", "DELETE"], { admin: true });
