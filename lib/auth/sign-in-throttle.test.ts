import { describe, expect, it } from "vitest";
import { clientAddress, SignInThrottle } from "./sign-in-throttle";

const policy = { freeAttempts: 3, baseLockoutMs: 10_000, maxLockoutMs: 60_000, forgetAfterMs: 600_000, maxTrackedClients: 100 };
const t0 = 1_000_000;

describe("the sign-in throttle", () => {
  it("allows a few wrong passwords, then locks that address out for a while", () => {
    const throttle = new SignInThrottle(policy);
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(throttle.check("1.1.1.1", t0 + 9_999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle.check("1.1.1.1", t0 + 10_000)).toEqual({ allowed: true });
  });

  it("doubles the lockout with every further failure, up to a ceiling", () => {
    const throttle = new SignInThrottle(policy);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure("1.1.1.1", t0);
    expect(throttle.recordFailure("1.1.1.1", t0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(throttle.recordFailure("1.1.1.1", t0 + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(throttle.recordFailure("1.1.1.1", t0 + 70_000)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(throttle.recordFailure("1.1.1.1", t0 + 130_000)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("keeps other addresses unaffected by one address's lockout", () => {
    const throttle = new SignInThrottle(policy);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure("1.1.1.1", t0);
    expect(throttle.check("2.2.2.2", t0)).toEqual({ allowed: true });
  });

  it("starts an address afresh after a successful sign-in", () => {
    const throttle = new SignInThrottle(policy);
    throttle.recordFailure("1.1.1.1", t0);
    throttle.recordFailure("1.1.1.1", t0);
    throttle.recordSuccess("1.1.1.1");
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
    expect(throttle.recordFailure("1.1.1.1", t0)).toEqual({ allowed: true });
  });

  it("forgets old failures after a quiet period", () => {
    const throttle = new SignInThrottle(policy);
    throttle.recordFailure("1.1.1.1", t0);
    throttle.recordFailure("1.1.1.1", t0);
    expect(throttle.recordFailure("1.1.1.1", t0 + 600_001)).toEqual({ allowed: true });
  });

  it("remembers a bounded number of addresses, dropping the oldest", () => {
    const throttle = new SignInThrottle(policy);
    for (let i = 0; i < 250; i += 1) throttle.recordFailure(`10.0.0.${i}`, t0 + i);
    expect(throttle.size).toBe(100);
  });

  it("reads the client address from the proxy's forwarding headers", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "203.0.113.8" }))).toBe("203.0.113.8");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
