// Test helper: what next/headers would give a page or server action, for calling them outside Next.
// Test files install it with: vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"))
type CookieWrite = { name: string; value: string; options?: Record<string, unknown> };

const scope = { cookies: new Map<string, string>(), headers: new Headers(), writes: [] as CookieWrite[] };

export const requestScope = {
  /** Starts a fresh request: no cookies, no headers, nothing written. */
  reset(): void {
    scope.cookies = new Map();
    scope.headers = new Headers();
    scope.writes = [];
  },
  setCookie(name: string, value: string): void {
    scope.cookies.set(name, value);
  },
  setHeader(name: string, value: string): void {
    scope.headers.set(name, value);
  },
  /** Cookies the code under test set during the request. */
  get writes(): readonly CookieWrite[] {
    return scope.writes;
  },
};

// The two next/headers functions the admin uses, with the shapes Next gives them.
export async function cookies() {
  return {
    get: (name: string) => (scope.cookies.has(name) ? { name, value: scope.cookies.get(name)! } : undefined),
    set: (name: string, value: string, options?: Record<string, unknown>) => {
      scope.writes.push({ name, value, options });
      scope.cookies.set(name, value);
    },
    delete: (name: string) => {
      scope.writes.push({ name, value: "" });
      scope.cookies.delete(name);
    },
  };
}

export async function headers() {
  return scope.headers;
}

/** Where a thrown Next redirect() points, or null when the error is not a redirect. */
export function redirectTarget(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT;")) return null;
  // NEXT_REDIRECT;<replace|push>;<url>;<status>; – the url itself may contain ';'.
  return digest.split(";").slice(2, -2).join(";");
}

/** Runs `work` and returns the redirect it threw; fails when it returned or threw anything else. */
export async function expectRedirect(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    const target = redirectTarget(error);
    if (target === null) throw error;
    return target;
  }
  throw new Error("expected a redirect, but the call returned normally");
}
