// npm run db:migrate – apply drizzle/ migrations to DATABASE_URL (the embedded file by default)
import { connectionConfig } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate";

const config = connectionConfig();
console.log(`Migrating ${config.url} …`);
await migrateDatabase(config);
console.log("Migrations applied.");
