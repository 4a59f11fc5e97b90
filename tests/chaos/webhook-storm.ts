// Webhook storm: every payment event three times at once, some out of order; one order per paid checkout, nothing held.
import { buildCheckoutSessionEvent, shuffled, type StripeEventPayload } from "./chaos-client";
import { createStockedVariant, missingFromOrder, readCheckouts, readOrdersOfVariant, readVariantState } from "./chaos-database";
import type { Scenario } from "./scenario";
import { Shopper } from "./shopper";

const UNITS = 100;
const COPIES = 3;
/** Shoppers per story (see below). */
const PER_STORY = 8;

type Delivery = { label: string; event: StripeEventPayload };

export const webhookStorm: Scenario = {
  name: "webhook storm",
  async run({ client, figures, expect }) {
    const { variantId } = await createStockedVariant("Chaos webhook skein", UNITS);
    const shopper = (story: string, i: number) => new Shopper(client, `${story}.${i}@example.com`);
    const group = (story: string) => Array.from({ length: PER_STORY }, (_, i) => shopper(story, i));

    // Four stories, each told by PER_STORY shoppers:
    //  paid      – completed;
    //  late      – expired arrives before completed (the shopper paid at the last moment);
    //  replaced  – checked out twice (a second tab replaced the first), then paid in the first tab;
    //              the second checkout is never paid and expires;
    //  abandoned – never paid, expired.
    const paid = await Promise.all(group("paid").map((s) => s.checkoutOne(variantId)));
    const late = await Promise.all(group("late").map((s) => s.checkoutOne(variantId)));
    const replacedShoppers = group("replaced");
    const replacedFirst = await Promise.all(replacedShoppers.map((s) => s.checkoutOne(variantId)));
    const replacedSecond = await Promise.all(replacedShoppers.map((s) => s.checkoutAgain()));
    const abandoned = await Promise.all(group("abandoned").map((s) => s.checkoutOne(variantId)));

    const all = [...paid, ...late, ...replacedFirst, ...replacedSecond, ...abandoned];
    const rows = await readCheckouts(all.map((checkout) => checkout.checkoutId));
    expect.equal(
      replacedFirst.filter((checkout) => rows.get(checkout.checkoutId)?.status === "replaced").length,
      PER_STORY,
      "first checkouts replaced by the second tab",
    );
    const event = (checkoutId: string, type: "checkout.session.completed" | "checkout.session.expired"): Delivery => ({
      label: `webhook ${type.replace("checkout.session.", "")}`,
      event: buildCheckoutSessionEvent(rows.get(checkoutId)!, { type }),
    });

    const firstWave = [
      ...paid.map((c) => event(c.checkoutId, "checkout.session.completed")),
      ...late.map((c) => event(c.checkoutId, "checkout.session.expired")),
      ...replacedFirst.map((c) => event(c.checkoutId, "checkout.session.completed")),
      ...abandoned.map((c) => event(c.checkoutId, "checkout.session.expired")),
    ];
    const secondWave = [
      ...late.map((c) => event(c.checkoutId, "checkout.session.completed")),
      ...replacedSecond.map((c) => event(c.checkoutId, "checkout.session.expired")),
    ];
    // Each event's three copies are in flight together, interleaved with every other event's.
    const storm = (wave: Delivery[]) =>
      Promise.all(shuffled(wave.flatMap((delivery) => Array.from({ length: COPIES }, () => delivery))).map((d) => client.deliver(d.label, d.event)));
    const answers = [...(await storm(firstWave)), ...(await storm(secondWave))];
    const eventCount = firstWave.length + secondWave.length;
    figures.fact("events", `${eventCount} distinct, each delivered ${COPIES}× concurrently (${answers.length} deliveries)`);
    expect.equal(answers.filter((answer) => answer.status === 200).length, answers.length, "deliveries answered 200");
    const duplicates = answers.filter((answer) => (answer.json as { status?: string } | undefined)?.status === "duplicate").length;
    expect.equal(duplicates, eventCount * (COPIES - 1), "deliveries recognised as duplicates");

    const paidCheckouts = new Set([...paid, ...late, ...replacedFirst].map((checkout) => checkout.checkoutId));
    const orders = await readOrdersOfVariant(variantId);
    const orderedCheckouts = orders.map((order) => order.checkoutId);
    expect.equal(orders.length, paidCheckouts.size, "orders (one per paid checkout)");
    expect.that(
      orderedCheckouts.every((id) => id !== null && paidCheckouts.has(id)) && new Set(orderedCheckouts).size === orders.length,
      "each order belongs to a different paid checkout",
    );
    const broken = orders.filter((order) => missingFromOrder(order).length > 0);
    expect.that(
      broken.length === 0,
      "every order whole (items, created/paid/stock events, one confirmation email)",
      broken.map((o) => `${o.orderNumber} lacks ${missingFromOrder(o).join(", ")}`).join("; "),
    );

    const state = await readVariantState(variantId);
    figures.fact("variant after the storm", `stock ${state.stock}, sold ${state.sold}, holds ${state.reservations}, ledger sum ${state.ledgerSum}`);
    expect.equal(state.sold, paidCheckouts.size, "units sold");
    expect.equal(state.stock + state.sold, UNITS, "stock + sold = initial");
    expect.equal(state.ledgerSum, state.stock, "ledger sum equals stock");
    expect.equal(state.reservations, 0, "holds left behind");
    expect.equal(figures.countAtLeast(500), 0, "answers ≥ 500");
  },
};
