// A shopper as the storefront's browser code drives the APIs: its own cart cookie, the cart API, the checkout API.
import { CookieJar, type Answer, type ChaosClient } from "./chaos-client";

export type StartedCheckout = { checkoutId: string; sessionId: string };

export class Shopper {
  readonly jar = new CookieJar();

  constructor(
    readonly client: ChaosClient,
    readonly email: string,
  ) {}

  addToCart(variantId: number, quantity = 1, via: ChaosClient = this.client): Promise<Answer> {
    return via.request("POST /api/cart", "/api/cart", { json: { variantId, quantity }, jar: this.jar });
  }

  checkout(via: ChaosClient = this.client): Promise<Answer> {
    return via.request("POST /api/checkout/session", "/api/checkout/session", { json: { country: "GB", email: this.email }, jar: this.jar });
  }

  /** Adds one unit and checks out, insisting on both: for scenarios whose subject comes after checkout. */
  async checkoutOne(variantId: number): Promise<StartedCheckout> {
    const added = await this.addToCart(variantId);
    if (added.status !== 200) throw new Error(`Adding to the cart answered ${added.status}: ${added.text.slice(0, 200)}`);
    return this.checkoutAgain();
  }

  /** Checks out the cart as it is (a second call replaces the first checkout, as a second tab would). */
  async checkoutAgain(): Promise<StartedCheckout> {
    const started = await this.checkout();
    const body = started.json as Partial<StartedCheckout> | undefined;
    if (started.status !== 200 || !body?.checkoutId || !body.sessionId)
      throw new Error(`Checkout answered ${started.status}: ${started.text.slice(0, 200)}`);
    return { checkoutId: body.checkoutId, sessionId: body.sessionId };
  }
}

/** Reads `checkoutId` from a checkout answer, if it succeeded. */
export function checkoutIdOf(answer: Answer): string | null {
  const id = (answer.json as { checkoutId?: unknown } | undefined)?.checkoutId;
  return answer.status === 200 && typeof id === "string" ? id : null;
}
