// npm run db:seed – load the demo yarn shop into an empty database (does nothing if it has products)
import { closeDb } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/db/seed/seed-demo-data";

const config = connectionConfig();
await migrateDatabase(config);
const started = Date.now();
console.log(`Seeding ${config.url} …`);
const result = await seedDemoData();
await closeDb();
if (result.seeded) {
  console.log(
    `Seeded ${result.products} products (${result.variants} variants), ${result.customers} customers and ${result.orders} orders in ${Date.now() - started} ms.`,
  );
} else {
  console.log("The database already has a catalog; nothing was changed.");
}
