import { describe, expect, it } from "vitest";
import { maskEmail } from "./mask-email";

describe("maskEmail", () => {
  it("keeps the first character and the domain: enough to know which inbox to check", () => {
    expect(maskEmail("ann.weaver@example.com")).toBe("a…@example.com");
    expect(maskEmail("x@mail.example.co.uk")).toBe("x…@mail.example.co.uk");
  });

  it("hides whatever is not an address whole", () => {
    for (const text of ["", "annexample.com", "@example.com", "ann@"]) expect(maskEmail(text), text).toBe("…");
  });
});
