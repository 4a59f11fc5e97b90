// Who is signed in, and the way out: a plain form for the owner login, Clerk's own button with Clerk.
import type { AdminIdentity } from "@/lib/auth/identity";
import { signOutAction, signOutEverywhereAction } from "../actions";

const buttonClass =
  "mt-2 w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium text-stone-800 hover:bg-stone-100";

export async function AccountControls({ admin }: { admin: AdminIdentity }) {
  const identity = (
    <p className="text-sm text-stone-600">
      Signed in as <strong className="break-all font-medium text-stone-900">{admin.label}</strong>
    </p>
  );
  if (admin.provider === "clerk") {
    // Clerk keeps its session in the browser, so signing out has to happen there.
    const { SignOutButton } = await import("@clerk/nextjs");
    return (
      <div>
        {identity}
        <SignOutButton redirectUrl="/admin/sign-in?signed_out=1">
          <button type="button" className={buttonClass}>
            Sign out
          </button>
        </SignOutButton>
      </div>
    );
  }
  return (
    <div>
      {identity}
      <form action={signOutAction}>
        <button type="submit" className={buttonClass}>
          Sign out
        </button>
      </form>
      {/* Every device, this one included: for a lost phone or a shared computer. */}
      <form action={signOutEverywhereAction}>
        <button type="submit" className={buttonClass}>
          End all sessions
        </button>
      </form>
    </div>
  );
}
