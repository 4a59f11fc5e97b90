import { describe, expect, it } from "vitest";
import { clientAddress, UNATTRIBUTED_CLIENT } from "./client-address";

const forwarded = (value: string, extra: Record<string, string> = {}) => new Headers({ "x-forwarded-for": value, ...extra });

describe("the client address", () => {
  it("behind N proxies of ours, is the N-th hop from the right: what the client wrote on the left is ignored", () => {
    expect(clientAddress(forwarded("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(forwarded("1.2.3.4, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(forwarded("1.2.3.4, 5.6.7.8, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    // Fewer hops than proxies: the request did not come through them, so nothing vouches for it.
    expect(clientAddress(forwarded("203.0.113.7"), 2)).toBe(UNATTRIBUTED_CLIENT);
    expect(clientAddress(new Headers(), 1)).toBe(UNATTRIBUTED_CLIENT);
  });

  it("on Vercel, is the address Vercel's edge wrote", () => {
    expect(clientAddress(new Headers({ "x-real-ip": "203.0.113.8", "x-forwarded-for": "203.0.113.8" }), "vercel")).toBe("203.0.113.8");
    expect(clientAddress(forwarded("203.0.113.9"), "vercel")).toBe("203.0.113.9");
  });

  it("with no trusted proxy, is one shared bucket whatever X-Forwarded-For claims", () => {
    expect(clientAddress(forwarded("203.0.113.7"), "none")).toBe(UNATTRIBUTED_CLIENT);
    expect(clientAddress(forwarded("198.51.100.1"), "none")).toBe(UNATTRIBUTED_CLIENT);
    expect(clientAddress(new Headers(), "none")).toBe(UNATTRIBUTED_CLIENT);
  });

  it("never keys a throttle or the audit log by junk a client sent", () => {
    expect(clientAddress(forwarded(`${"9".repeat(200)}`), 1)).toBe(UNATTRIBUTED_CLIENT);
    expect(clientAddress(forwarded("<script>"), 1)).toBe(UNATTRIBUTED_CLIENT);
  });
});
