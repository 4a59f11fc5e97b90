// The browser tests' `test`: every page a test opens with `page.goto` is audited by axe-core for
// WCAG 2.1 A/AA violations, admin pages included. Pages reached by clicking are audited by calling
// `expectAccessible(page)` where the test lands on them.
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Fails with the rule ids and the offending selectors, so the report says what to fix. */
export async function expectAccessible(page: Page): Promise<void> {
  // A sandboxed frame (an email shown in the admin) runs no script, so axe cannot be injected into
  // it, and @axe-core/playwright then hangs instead of skipping it: its content is left out.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).exclude("iframe[sandbox]").analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe-core WCAG 2.1 AA violations on ${page.url()}`).toEqual([]);
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (...args: Parameters<Page["goto"]>) => {
      const response = await goto(...args);
      // Audit only HTML pages that rendered (an API URL or a download has nothing to audit).
      if (response?.headers()["content-type"]?.includes("text/html")) await expectAccessible(page);
      return response;
    };
    await use(page);
  },
});

export { expect };

/** After a client-side navigation Next sets the new title a moment later: audit once it has. */
export async function audit(page: Page): Promise<void> {
  await expect(page).not.toHaveTitle("");
  await expectAccessible(page);
}

/** Signs the owner in through the form, lands on `path` and audits it. */
export async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`/admin/sign-in?next=${encodeURIComponent(path)}`);
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, "\\$&")}$`));
  await audit(page);
}
