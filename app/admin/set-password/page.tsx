// /admin/set-password – a new admin chooses their password through the one-time link the owner gave them (public: the link is the proof).
import type { Metadata } from "next";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const token = (await searchParams).token;
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-16 sm:items-center">
      <div className="w-full max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Set your password</h1>
        <div className="mt-4">
          {env().hasClerk ? (
            <p className="text-stone-700">This shop signs admins in with Clerk, which manages passwords.</p>
          ) : typeof token === "string" && token !== "" ? (
            <SetPasswordForm token={token} />
          ) : (
            <p className="text-stone-700">This link is incomplete. Open the whole link the shop&apos;s owner gave you.</p>
          )}
        </div>
      </div>
    </main>
  );
}
