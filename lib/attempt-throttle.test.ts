import { describe, expect, it } from "vitest";
import { AttemptThrottle, chargeAttempt, chargeRefundableAttempt, checkBudgets, recordFailures } from "@/lib/attempt-throttle";

const policy = { freeAttempts: 3, baseLockoutMs: 10_000, maxLockoutMs: 60_000, forgetAfterMs: 600_000, maxTrackedClients: 100 };
const t0 = 1_000_000;

describe("the attempt throttle", () => {
  it("allows a few wrong passwords, then locks that address out for a while", () => {
    const throttle = new AttemptThrottle(policy);
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(throttle.check("1.1.1.1", t0 + 9_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle.check("1.1.1.1", t0 + 10_000)).toEqual({ allowed: true });
  });

  it("doubles the lockout with every further failure, up to a ceiling", () => {
    const throttle = new AttemptThrottle(policy);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure("1.1.1.1", t0);
    expect(throttle.recordFailure("1.1.1.1", t0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(throttle.recordFailure("1.1.1.1", t0 + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(throttle.recordFailure("1.1.1.1", t0 + 70_000)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(throttle.recordFailure("1.1.1.1", t0 + 130_000)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("keeps other addresses unaffected by one address's lockout", () => {
    const throttle = new AttemptThrottle(policy);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure("1.1.1.1", t0);
    expect(throttle.check("2.2.2.2", t0)).toEqual({ allowed: true });
  });

  it("starts an address afresh after a successful sign-in", () => {
    const throttle = new AttemptThrottle(policy);
    throttle.recordFailure("1.1.1.1", t0);
    throttle.recordFailure("1.1.1.1", t0);
    throttle.recordSuccess("1.1.1.1");
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
  });

  it("forgets old failures after a quiet period", () => {
    const throttle = new AttemptThrottle(policy);
    throttle.recordFailure("1.1.1.1", t0);
    throttle.recordFailure("1.1.1.1", t0);
    expect(throttle.recordFailure("1.1.1.1", t0 + 600_001)).toEqual({ allowed: true });
  });

  it("remembers a bounded number of addresses, dropping the oldest", () => {
    const throttle = new AttemptThrottle(policy);
    for (let i = 0; i < 250; i += 1) throttle.recordFailure(`10.0.0.${i}`, t0 + i);
    expect(throttle.size).toBe(100);
  });

  it("charges an attempt before it runs, so a burst of parallel attempts cannot all pass one check", () => {
    const perClient = new AttemptThrottle(policy);
    const budgets = [{ throttle: perClient, key: "1.1.1.1" }];
    const verdicts = Array.from({ length: 6 }, () => chargeAttempt(budgets, t0));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(3);
    perClient.recordSuccess("1.1.1.1");
    expect(chargeAttempt(budgets, t0)).toEqual({ allowed: true });
  });

  it("refuses when any of several budgets is spent, and records a failure against all of them", () => {
    const perClient = new AttemptThrottle(policy);
    const global = new AttemptThrottle({ ...policy, freeAttempts: 4 });
    for (let i = 0; i < 4; i += 1) recordFailures([{ throttle: perClient, key: `10.0.0.${i}` }, { throttle: global, key: "all" }], t0);
    // Four addresses, one failure each: none is locked on its own, the global budget is.
    expect(checkBudgets([{ throttle: perClient, key: "10.0.0.9" }, { throttle: global, key: "all" }], t0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });
});

describe("a refundable charge (failures-only budgets where a success must not wipe the slate)", () => {
  const refundOf = (charge: ReturnType<typeof chargeRefundableAttempt>) => {
    if (!charge.allowed) throw new Error("expected the attempt to be admitted");
    return charge.refund;
  };

  it("gives back exactly its own charge: the failures before it stay counted", () => {
    const throttle = new AttemptThrottle(policy);
    const budgets = [{ throttle, key: "cart" }];
    throttle.recordFailure("cart", t0);
    throttle.recordFailure("cart", t0);
    // Third attempt: charged (which would lock), then it turned out right: as if it never happened.
    refundOf(chargeRefundableAttempt(budgets, t0))();
    expect(checkBudgets(budgets, t0)).toEqual({ allowed: true });
    expect(throttle.size).toBe(1);
    // The next wrong one is still the third failure, and locks.
    expect(throttle.recordFailure("cart", t0 + 1)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("refuses while locked, and leaves no trace for a right answer on a fresh key", () => {
    const throttle = new AttemptThrottle(policy);
    refundOf(chargeRefundableAttempt([{ throttle, key: "fresh" }], t0))();
    expect(throttle.size).toBe(0);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure("locked", t0);
    expect(chargeRefundableAttempt([{ throttle, key: "locked" }], t0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it("keeps the lockout that failures after the charge earned, taking back only one failure", () => {
    const throttle = new AttemptThrottle(policy);
    const budgets = [{ throttle, key: "burst" }];
    const first = refundOf(chargeRefundableAttempt(budgets, t0));
    refundOf(chargeRefundableAttempt(budgets, t0)); // a second attempt, in flight: a wrong code, kept
    throttle.recordFailure("burst", t0); // a third, real failure locks
    first(); // the first attempt was right after all
    expect(checkBudgets(budgets, t0).allowed).toBe(false);
    // Two failures remain, so the next one is the third (10 s), not the fourth (20 s).
    expect(throttle.recordFailure("burst", t0 + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });
});
