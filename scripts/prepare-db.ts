// predev / prestart – migrate the database, load the demo shop if it is empty, say how to sign in
import { closeDb } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { describeMissingSecrets, devSecretsPath, env } from "@/lib/env";

const current = env();
const config = connectionConfig();
await migrateDatabase(config);
console.log(`[store] database ready: ${config.url}`);

// Production databases are never filled with demo data by a start command.
if (!current.isProduction) {
  const result = await seedDemoData();
  if (result.seeded) console.log(`[store] loaded the demo shop: ${result.products} products, ${result.orders} past orders`);
}
await closeDb();

if (current.isDevelopment && !current.hasClerk) {
  console.log(`[store] owner sign-in: http://localhost:${current.PORT}/admin/sign-in  password: ${current.ADMIN_PASSWORD}`);
  console.log(`[store] (generated once and kept in ${devSecretsPath(current.DATA_DIR)}; set ADMIN_PASSWORD to choose your own)`);
}
const missing = describeMissingSecrets(current);
if (missing && current.isProduction) console.error(missing);
