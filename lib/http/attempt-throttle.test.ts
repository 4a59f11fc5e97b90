import { describe, expect, it } from "vitest";
import { AttemptThrottle, chargeAttempt, checkBudgets, recordFailures } from "./attempt-throttle";

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
