// Two processes: two servers on one database file under a checkout storm; no 5xx, no lost write.
import { and, eq, inArray, sql } from "drizzle-orm";
import { cartItems, checkouts, stockReservations } from "@/lib/db/schema";
import { buildCheckoutSessionEvent, ChaosClient, inBatches } from "./chaos-client";
import { createStockedVariant, readCheckouts, readFresh, readOrdersOfVariant, readVariantState, missingFromOrder } from "./chaos-database";
import type { Scenario } from "./scenario";
import { Shopper, checkoutIdOf } from "./shopper";

const SHOPPERS = 160;
const UNITS = 60;

export const twoProcesses: Scenario = {
  name: "two processes",
  async run({ server, second, client, figures, expect }) {
    await second.start();
    try {
      const clients = [
        new ChaosClient(server.origin, figures, client.webhookSecret, `:${server.port}`),
        new ChaosClient(second.origin, figures, client.webhookSecret, `:${second.port}`),
      ] as const;
      const via = (i: number) => clients[i % 2]!;
      const { variantId } = await createStockedVariant("Chaos two-process skein", UNITS);
      const shoppers = Array.from({ length: SHOPPERS }, (_, i) => new Shopper(via(i), `two.${i}@example.com`));

      // Carts are made through one server and checked out through the other, all at once.
      const added = await Promise.all(shoppers.map((shopper) => shopper.addToCart(variantId)));
      const answers = await Promise.all(shoppers.map((shopper, i) => shopper.checkout(via(i + 1))));
      const won = answers.map(checkoutIdOf).filter((id): id is string => id !== null);
      expect.equal(added.filter((answer) => answer.status === 200).length, SHOPPERS, "cart adds answered 200");
      expect.equal(won.length, UNITS, "checkouts that got stock");
      expect.equal(answers.filter((answer) => answer.status === 409).length, SHOPPERS - UNITS, "checkouts refused with 409");

      // No lost write: every 200 is in the file, holding its unit, and every cart line is there.
      const stored = await readFresh(async (db) => {
        const [lines] = await db
          .select({ count: sql<number>`count(*)` })
          .from(cartItems)
          .where(eq(cartItems.variantId, variantId));
        const open = await db
          .select({ id: checkouts.id })
          .from(checkouts)
          .where(and(inArray(checkouts.id, won), eq(checkouts.status, "open")));
        const holds = await db
          .select({ checkoutId: stockReservations.checkoutId, quantity: stockReservations.quantity })
          .from(stockReservations)
          .where(inArray(stockReservations.checkoutId, won));
        const holding = new Set(holds.filter((hold) => hold.quantity === 1).map((hold) => hold.checkoutId));
        return { cartLines: Number(lines!.count), openHolding: open.filter((row) => holding.has(row.id)).length };
      });
      expect.equal(stored.cartLines, SHOPPERS, "cart lines stored");
      expect.equal(stored.openHolding, UNITS, "successful checkouts stored open, each holding its unit");

      // Each payment is delivered to both servers at once: a duplicate racing across processes.
      const rows = await readCheckouts(won);
      const events = won.map((id) => buildCheckoutSessionEvent(rows.get(id)!));
      const deliveries = await inBatches(events, 16, (event) =>
        Promise.all(clients.map((client) => client.deliver("POST /api/webhooks/stripe", event))),
      );
      const flat = deliveries.flat();
      expect.equal(flat.filter((answer) => answer.status === 200).length, flat.length, "webhook deliveries answered 200");
      const applied = flat.filter((answer) => (answer.json as { status?: string } | undefined)?.status === "processed").length;
      expect.equal(applied, UNITS, "events applied once (the other copy a duplicate)");

      const state = await readVariantState(variantId);
      const orders = await readOrdersOfVariant(variantId);
      figures.fact(
        "variant after payment",
        `stock ${state.stock}, sold ${state.sold}, orders ${state.orders}, holds ${state.reservations}, ledger sum ${state.ledgerSum}`,
      );
      expect.equal(orders.length, UNITS, "orders");
      expect.equal(state.stock, 0, "stock left");
      expect.equal(state.ledgerSum, state.stock, "ledger sum equals stock");
      expect.equal(state.reservations, 0, "holds left behind");
      const broken = orders.filter((order) => missingFromOrder(order).length > 0);
      expect.that(broken.length === 0, "every order whole", broken.map((o) => `${o.orderNumber} lacks ${missingFromOrder(o).join(", ")}`).join("; "));
      expect.equal(figures.countAtLeast(500), 0, "answers ≥ 500");
      expect.equal(figures.samples.filter((sample) => sample.status === 0).length, 0, "requests without an answer");
    } finally {
      await second.stop();
    }
  },
};
