// npm run db:seed – load the demo yarn shop into an empty database (does nothing if it has products)
// npm run db:seed -- --orders 100000 [--variants 10000] – a shop at scale, into an empty database
import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db";
import { connectionConfig } from "@/lib/db/connection";
import { migrateDatabase } from "@/lib/db/migrate";
import { seedAtScale } from "@/lib/seed/seed-at-scale";
import { seedDemoData } from "@/lib/seed/seed-demo-data";

const { values } = parseArgs({ options: { orders: { type: "string" }, variants: { type: "string" } } });

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${flag} must be a positive whole number, got "${value}"`);
  return parsed;
}

async function main() {
  const orders = wholeNumber("orders", values.orders);
  const variants = wholeNumber("variants", values.variants);
  const config = connectionConfig();
  await migrateDatabase(config);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

  if (orders === undefined && variants === undefined) {
    console.log(`Seeding ${config.url} …`);
    const result = await seedDemoData();
    if (result.seeded) {
      console.log(`Seeded ${result.products} products (${result.variants} variants), ${result.customers} customers and ${result.orders} orders in ${Date.now() - started} ms.`);
    } else {
      console.log("The database already has a catalog; nothing was changed.");
    }
    return;
  }

  console.log(`Seeding ${config.url} at scale: ${orders ?? 1000} orders, ${variants ?? "the demo"} variants …`);
  let lastPercent = -1;
  const result = await seedAtScale({
    orders: orders ?? 1000,
    variants,
    onProgress: ({ stage, done, total }) => {
      if (stage === "catalog") {
        if (done === total) console.log(`  catalog: ${total} variants (${seconds()} s)`);
        return;
      }
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent === lastPercent && done !== total) return;
      lastPercent = percent;
      console.log(`  orders: ${done.toLocaleString("en-GB")} / ${total.toLocaleString("en-GB")} (${percent}%, ${seconds()} s)`);
    },
  });
  console.log(
    `Seeded ${result.products} products (${result.variants} variants), ${result.customers} customers, ${result.orders} orders ` +
      `with ${result.orderItems} items, ${result.orderEvents} events and ${result.ledgerRows} ledger rows in ${seconds()} s.`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
