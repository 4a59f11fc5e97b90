import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";
import { admitCheckout, SlidingWindowCounter } from "./checkout-limits";

const freshLimits = () => ({
  perClient: new SlidingWindowCounter({ limit: 2, windowMs: 60_000, maxKeys: 100 }),
  perClientDaily: new SlidingWindowCounter({ limit: 100, windowMs: 86_400_000, maxKeys: 100 }),
  perCart: new SlidingWindowCounter({ limit: 100, windowMs: 86_400_000, maxKeys: 100 }),
});

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

  it("can be lifted for load tests with CHECKOUT_ABUSE_LIMITS=off", () => {
    process.env.CHECKOUT_ABUSE_LIMITS = "off";
    resetEnvForTests();
    const limits = freshLimits();
    for (let i = 0; i < 5; i += 1) admitCheckout({ client: "a", cartId: "same" }, i, limits);
  });
});
