// Runs once when a server starts: say loudly what its configuration leaves closed.

export async function register() {
  // NEXT_RUNTIME is Next's build-time marker of which runtime this bundle is for, not configuration:
  // only the Node.js bundle can load lib/env (node:fs, node:crypto).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootAccountsLine, bootConfigurationWarning } = await import("./lib/auth/boot-warning");
  const line = bootConfigurationWarning();
  if (line) console.error(line);
  // A database that cannot be read yet (not migrated) is the app's to report on first use, not boot's.
  const accounts = await bootAccountsLine().catch(() => null);
  if (accounts) console.warn(accounts);
}
