// predev – migrate, load the demo shop if the database is empty, say how to sign in;
// prestart (`--migrate-only`) – migrate, nothing else.
import { closeDb } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { describeMissingSecrets, devSecretsPath, env } from "@/lib/env";

/**
 * `npm start` runs this with `--migrate-only`. It cannot go by NODE_ENV: `next start` sets
 * production for the server it starts, but `prestart` runs before it with whatever the shell has,
 * which on a bare server is nothing, i.e. development. Deciding by the command instead means a
 * start command never seeds demo data into a live database and never prints a secret, however
 * the environment is (or is not) set.
 */
const migrateOnly = process.argv.includes("--migrate-only");

const current = env();
const config = connectionConfig();
await migrateDatabase(config);
console.log(`[store] database ready: ${config.url}`);

// Production databases are never filled with demo data, by either command.
if (!migrateOnly && !current.isProduction) {
  const result = await seedDemoData();
  if (result.seeded) console.log(`[store] loaded the demo shop: ${result.products} products, ${result.orders} past orders`);
}
await closeDb();

if (!migrateOnly && current.isDevelopment && !current.hasClerk) {
  const signInUrl = `http://localhost:${current.PORT}/admin/sign-in`;
  // Only a password this machine generated is printed: one from the environment is the
  // operator's own, and terminals end up in logs.
  if (current.generatedSecrets.includes("ADMIN_PASSWORD")) {
    console.log(`[store] owner sign-in: ${signInUrl}  password: ${current.ADMIN_PASSWORD}`);
    console.log(`[store] (generated once and kept in ${devSecretsPath(current.DATA_DIR)}; set ADMIN_PASSWORD to choose your own)`);
  } else {
    console.log(`[store] owner sign-in: ${signInUrl}  password: the one set in ADMIN_PASSWORD`);
  }
}
const missing = describeMissingSecrets(current);
if (missing && current.isProduction) console.error(missing);
