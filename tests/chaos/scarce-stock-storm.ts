// Scarce stock storm: 500 shoppers check out at once for 10 units; exactly 10 get them, and paying makes 10 orders.
import { buildCheckoutSessionEvent, inBatches } from "./chaos-client";
import { createStockedVariant, readCheckouts, readOrdersOfVariant, readStock, readVariantState, missingFromOrder } from "./chaos-database";
import type { Scenario } from "./scenario";
import { Shopper, checkoutIdOf } from "./shopper";

const SHOPPERS = 500;
const UNITS = 10;

export const scarceStockStorm: Scenario = {
  name: "scarce stock storm",
  async run({ client, figures, expect }) {
    const { variantId } = await createStockedVariant("Chaos scarce skein", UNITS);
    const shoppers = Array.from({ length: SHOPPERS }, (_, i) => new Shopper(client, `scarce.${i}@example.com`));

    // Every shopper gets the last units into a cart first: carts hold nothing, checkouts do.
    const added = await inBatches(shoppers, 50, (shopper) => shopper.addToCart(variantId));
    expect.equal(added.filter((answer) => answer.status === 200).length, SHOPPERS, "carts holding the scarce variant");

    // Sample the stock while the storm runs: it must never be seen below zero.
    let lowestSeen = UNITS;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        lowestSeen = Math.min(lowestSeen, await readStock(variantId));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    const stormStarted = performance.now();
    const answers = await Promise.all(shoppers.map((shopper) => shopper.checkout()));
    figures.fact("checkout storm", `${SHOPPERS} concurrent checkouts in ${Math.round(performance.now() - stormStarted)} ms`);
    const won = answers.map(checkoutIdOf).filter((id): id is string => id !== null);
    const refused = answers.filter((answer) => answer.status === 409);
    expect.equal(won.length, UNITS, "checkouts that got stock");
    expect.equal(refused.length, SHOPPERS - UNITS, "checkouts refused with 409");
    const codes = new Set(refused.map((answer) => (answer.json as { error?: { code?: string } } | undefined)?.error?.code));
    expect.that(codes.size === 1 && codes.has("insufficient_stock"), "every 409 says insufficient_stock", `codes ${[...codes].join(", ")}`);

    const rows = await readCheckouts(won);
    const paid = await Promise.all(won.map((id) => client.deliver("POST /api/webhooks/stripe", buildCheckoutSessionEvent(rows.get(id)!))));
    expect.equal(paid.filter((answer) => answer.status === 200).length, UNITS, "payment webhooks answered 200");

    sampling = false;
    await sampler;
    const state = await readVariantState(variantId);
    const orders = await readOrdersOfVariant(variantId);
    figures.fact(
      "variant after payment",
      `stock ${state.stock}, sold ${state.sold}, orders ${state.orders}, holds ${state.reservations}, ledger sum ${state.ledgerSum}`,
    );
    expect.equal(orders.length, UNITS, "orders");
    expect.equal(state.stock, 0, "stock left");
    expect.equal(state.sold, UNITS, "units sold");
    expect.that(
      lowestSeen >= 0 && state.lowestLedgerStock >= 0,
      "stock never negative (sampled during the storm and in every ledger row)",
      `lowest sampled ${lowestSeen}, lowest ledger ${state.lowestLedgerStock}`,
    );
    expect.equal(state.ledgerSum, state.stock, "ledger sum equals stock");
    expect.equal(state.reservations, 0, "holds left behind");
    const broken = orders.filter((order) => missingFromOrder(order).length > 0);
    expect.that(
      broken.length === 0,
      "every order whole",
      broken.map((order) => `${order.orderNumber} lacks ${missingFromOrder(order).join(", ")}`).join("; "),
    );
    expect.equal(figures.countAtLeast(500), 0, "answers ≥ 500");
    expect.equal(figures.samples.filter((sample) => sample.status === 0).length, 0, "requests without an answer");
  },
};
