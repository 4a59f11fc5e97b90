// Crash: SIGKILL the server while payments are in flight, restart it on the same file, redeliver every event.
import { buildCheckoutSessionEvent, inBatches } from "./chaos-client";
import { createStockedVariant, missingFromOrder, readCheckouts, readOrdersOfVariant, readVariantState, type OrderShape } from "./chaos-database";
import type { Expectations, Scenario } from "./scenario";
import { Shopper } from "./shopper";

const CHECKOUTS = 80;
const UNITS = 120;
const IN_FLIGHT = 16;
/** The kill lands after this many payments were acknowledged, with IN_FLIGHT more on the wire. */
const KILL_AFTER = 24;

function expectWholeOrAbsent(expect: Expectations, orders: OrderShape[], when: string): void {
  const broken = orders.filter((order) => missingFromOrder(order).length > 0);
  expect.that(
    broken.length === 0,
    `${when}: every order whole (items, events, email row)`,
    broken.map((o) => `${o.orderNumber} lacks ${missingFromOrder(o).join(", ")}`).join("; "),
  );
}

export const crash: Scenario = {
  name: "crash",
  async run({ server, client, figures, expect }) {
    const { variantId } = await createStockedVariant("Chaos crash skein", UNITS);
    const shoppers = Array.from({ length: CHECKOUTS }, (_, i) => new Shopper(client, `crash.${i}@example.com`));
    const started = await inBatches(shoppers, IN_FLIGHT, (shopper) => shopper.checkoutOne(variantId));
    const rows = await readCheckouts(started.map((checkout) => checkout.checkoutId));
    // Built once: the redelivery sends the very same event ids, as Stripe's retries do.
    const events = started.map((checkout) => buildCheckoutSessionEvent(rows.get(checkout.checkoutId)!));

    let acknowledged = 0;
    let killing: Promise<void> | null = null;
    const acknowledgedIds = new Set<string>();
    const killedAt = { acknowledged: 0, inFlight: 0 };
    let inFlight = 0;
    await inBatches(events, IN_FLIGHT, async (event, index) => {
      if (killing) return; // the server is gone; the rest are "lost" and Stripe would retry them
      inFlight += 1;
      const answer = await client.deliver("webhook before the kill", event);
      inFlight -= 1;
      if (answer.status === 200) {
        acknowledged += 1;
        acknowledgedIds.add(started[index]!.checkoutId);
        if (acknowledged === KILL_AFTER && !killing) {
          killedAt.acknowledged = acknowledged;
          killedAt.inFlight = inFlight;
          killing = server.kill();
        }
      }
    });
    await killing;
    figures.fact(
      "kill",
      `SIGKILL after ${killedAt.acknowledged} acknowledged payments, ${killedAt.inFlight} in flight (${acknowledged - killedAt.acknowledged} of them still answered)`,
    );
    expect.that(killing !== null && killedAt.inFlight > 0, "the server was killed while payments were in flight", `${killedAt.inFlight} in flight`);

    // On disk, with no server running: what was acknowledged is whole, the rest whole or absent.
    const afterCrash = await readOrdersOfVariant(variantId);
    const crashState = await readVariantState(variantId);
    figures.fact(
      "after the crash",
      `${afterCrash.length} orders (${afterCrash.length - acknowledged} committed but never answered), stock ${crashState.stock}, sold ${crashState.sold}, ledger sum ${crashState.ledgerSum}`,
    );
    expectWholeOrAbsent(expect, afterCrash, "after the crash");
    const ordered = new Set(afterCrash.map((order) => order.checkoutId));
    expect.that(
      [...acknowledgedIds].every((id) => ordered.has(id)),
      "every acknowledged payment has its order",
      `${[...acknowledgedIds].filter((id) => !ordered.has(id)).length} missing`,
    );
    expect.equal(crashState.stock + crashState.sold, UNITS, "after the crash: stock + sold = initial");
    expect.equal(crashState.ledgerSum, crashState.stock, "after the crash: ledger sum equals stock");

    const restartedAt = performance.now();
    await server.start();
    figures.fact("restart", `healthy again in ${Math.round(performance.now() - restartedAt)} ms on the same database`);
    const redelivered = await inBatches(events, IN_FLIGHT, (event) => client.deliver("webhook redelivered", event));
    expect.equal(redelivered.filter((answer) => answer.status === 200).length, CHECKOUTS, "redeliveries answered 200");

    const orders = await readOrdersOfVariant(variantId);
    const state = await readVariantState(variantId);
    figures.fact(
      "after redelivery",
      `${orders.length} orders, stock ${state.stock}, sold ${state.sold}, holds ${state.reservations}, ledger sum ${state.ledgerSum}`,
    );
    expect.equal(orders.length, CHECKOUTS, "orders (one per paid checkout)");
    expect.equal(new Set(orders.map((order) => order.checkoutId)).size, CHECKOUTS, "orders for distinct checkouts");
    expectWholeOrAbsent(expect, orders, "after redelivery");
    expect.equal(state.stock + state.sold, UNITS, "stock + sold = initial");
    expect.equal(state.ledgerSum, state.stock, "ledger sum equals stock");
    expect.equal(state.reservations, 0, "holds left behind");
    expect.equal(figures.countAtLeast(500), 0, "answers ≥ 500");
  },
};
