import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";
import { admitCheckout, DistinctWindowCounter, emailBudgetKey, SlidingWindowCounter } from "./checkout-limits";

const freshLimits = () => ({
  perClient: new SlidingWindowCounter({ limit: 2, windowMs: 60_000, maxKeys: 100 }),
  perClientDaily: new SlidingWindowCounter({ limit: 100, windowMs: 86_400_000, maxKeys: 100 }),
  perCart: new SlidingWindowCounter({ limit: 100, windowMs: 86_400_000, maxKeys: 100 }),
  cartsPerEmail: new DistinctWindowCounter({ limit: 2, windowMs: 60_000, maxKeys: 100 }),
});

const refusalOf = (admit: () => void) => {
  try {
    admit();
  } catch (error) {
    return error as AppError;
  }
  return null;
};

afterEach(() => {
  delete process.env.CHECKOUT_ABUSE_LIMITS;
  resetEnvForTests();
});

describe("checkout budgets", () => {
  it("refuse once a client's window is full, with when to come back, and forget events that left the window", () => {
    const limits = freshLimits();
    admitCheckout({ client: "a", cartId: "c1" }, 0, limits);
    admitCheckout({ client: "a", cartId: "c2" }, 10_000, limits);
    const refused = (() => {
      try {
        admitCheckout({ client: "a", cartId: "c3" }, 20_000, limits);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).headers["Retry-After"]).toBe("40");
    expect(() => admitCheckout({ client: "a", cartId: "c4" }, 60_001, limits)).not.toThrow();
  });

  it("are not shared by every visitor when nothing vouches for the client address", () => {
    const limits = freshLimits();
    for (let i = 0; i < 5; i += 1) admitCheckout({ client: UNATTRIBUTED_CLIENT, cartId: `cart-${i}` }, i, limits);
  });

  it("give one email two carts' checkouts at once, however the address is dressed and wherever it comes from", () => {
    const limits = freshLimits();
    admitCheckout({ client: UNATTRIBUTED_CLIENT, cartId: "phone", email: "ann@example.com" }, 0, limits);
    admitCheckout({ client: UNATTRIBUTED_CLIENT, cartId: "laptop", email: "ann@example.com" }, 1_000, limits);
    // Retrying from a cart already counted is the same shopper, not a third hold.
    admitCheckout({ client: UNATTRIBUTED_CLIENT, cartId: "phone", email: "ann@example.com" }, 2_000, limits);
    const refused = refusalOf(() => admitCheckout({ client: "203.0.113.9", cartId: "script-3", email: "ann+3@example.com" }, 3_000, limits));
    expect(refused?.code).toBe("too_many_requests");
    expect(refused?.message).toMatch(/this email address/);
    expect(refused?.headers["Retry-After"]).toBe("58");
    // Another shopper is not affected, and the first cart's place frees when it leaves the window.
    admitCheckout({ client: UNATTRIBUTED_CLIENT, cartId: "bea", email: "bea@example.com" }, 3_000, limits);
    expect(refusalOf(() => admitCheckout({ client: UNATTRIBUTED_CLIENT, cartId: "tablet", email: "ANN@example.com" }, 62_001, limits))).toBeNull();
  });

  it("key an email by its mailbox: case and +tags do not make new shoppers", () => {
    expect(emailBudgetKey("Ann+drop1@Example.com")).toBe("ann@example.com");
    expect(emailBudgetKey("ann@example.com")).toBe("ann@example.com");
    expect(emailBudgetKey("+only@example.com")).toBe("+only@example.com");
  });

  it("can be lifted for load tests with CHECKOUT_ABUSE_LIMITS=off", () => {
    process.env.CHECKOUT_ABUSE_LIMITS = "off";
    resetEnvForTests();
    const limits = freshLimits();
    for (let i = 0; i < 5; i += 1) admitCheckout({ client: "a", cartId: "same" }, i, limits);
  });
});
