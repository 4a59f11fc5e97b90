// /admin/sign-in – the way into the admin: the email and password form, or Clerk's sign-in when configured.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getAdminAccess } from "@/lib/auth/admin";
import { safeAdminReturnPath } from "@/lib/auth/admin-paths";
import { ownerLoginIsClosed } from "@/lib/auth/owner-sign-in";
import { env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-16 sm:items-center">
      <div className="w-full max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">{title}</h1>
        <div className="mt-4">{children}</div>
      </div>
    </main>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const returnTo = safeAdminReturnPath(firstValue(params.next));
  const access = await getAdminAccess();
  if (access.allowed) redirect(returnTo);

  if (access.reason === "closed" || (await ownerLoginIsClosed())) {
    return (
      <Panel title="The admin is closed">
        <p className="text-stone-700">
          Admin sign-in is not configured on this server yet, so nobody can sign in. The server log names the
          settings that are missing.
        </p>
      </Panel>
    );
  }

  const config = env();
  if (config.hasClerk) {
    const { SignIn, SignOutButton } = await import("@clerk/nextjs");
    if (access.reason === "not_allowed") {
      return (
        <Panel title="Not an admin account">
          <p className="text-stone-700">
            You are signed in, but this account is not one of the store&apos;s admins. Ask the owner to add its
            user id to the admin list, or sign in with another account.
          </p>
          <p className="mt-2 text-sm text-stone-500">
            Account: <code className="break-all">{access.userId}</code>
          </p>
          <SignOutButton redirectUrl="/admin/sign-in">
            <button type="button" className="mt-4 w-full rounded-md border border-stone-300 px-4 py-2 font-medium">
              Sign in with another account
            </button>
          </SignOutButton>
        </Panel>
      );
    }
    return (
      <main className="flex min-h-screen items-center justify-center px-4 py-16">
        <SignIn routing="hash" forceRedirectUrl={returnTo} />
      </main>
    );
  }

  return (
    <Panel title="Sign in to the admin">
      {firstValue(params.signed_out) ? (
        <p role="status" className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">
          You have signed out.
        </p>
      ) : null}
      <p className="mb-4 text-sm text-stone-600">Enter your email and password to manage the shop.</p>
      <SignInForm returnTo={returnTo} />
      {config.isDevelopment ? (
        <p className="mt-4 text-xs text-stone-500">
          Developing locally? The password was printed when <code>npm run dev</code> started and is kept in{" "}
          <code>data/dev-secrets.json</code>.
        </p>
      ) : null}
    </Panel>
  );
}
