import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HANDLED_EVENT_TYPES } from "./handle-stripe-event";

const readme = readFileSync(path.join(process.cwd(), "README.md"), "utf8");

describe("the README's webhook setup", () => {
  it("tells `stripe listen` to forward exactly the events the webhook handles", () => {
    const lines = [...readme.matchAll(/stripe listen --forward-to localhost:3000\/api\/webhooks\/stripe --events (\S+)/g)];
    expect(lines).toHaveLength(1);
    expect(lines[0]![1]!.split(",").sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
  });

  it("says what each handled event does to an order, and names no other", () => {
    const section = readme.slice(readme.indexOf("**The Stripe events the shop handles**"));
    const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| Event |")));
    const documented = [...table.matchAll(/^\| `([a-z_.]+)` \| \S/gm)].map((row) => row[1]!);
    expect(documented.sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
  });
});
