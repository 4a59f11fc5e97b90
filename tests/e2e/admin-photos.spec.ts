import sharp from "sharp";
import { audit, expect, test } from "./fixtures";
import { E2E_ADMIN_PASSWORD } from "../../playwright.config";

/** A small PNG made here, so the test carries no binary fixtures. */
async function pngFile(name: string, background: { r: number; g: number; b: number }) {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background } }).png().toBuffer();
  return { name, mimeType: "image/png", buffer };
}

test("the owner uploads two photos with alt text, ties one to a colourway, and shoppers see both", async ({ page }) => {
  // Uploads are processed with sharp on the server: on a shared CI machine the whole story takes a while.
  test.slow();
  await page.goto(`/admin/sign-in?next=${encodeURIComponent("/admin/products/new")}`);
  await page.getByLabel("Password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/products\/new$/);
  await audit(page);

  await page.getByLabel("Name", { exact: true }).fill("Lichen Photo Yarn");
  await page.getByLabel("Status").selectOption("active");
  await page.getByLabel("Option 1").fill("Colour");
  const variants = page.getByTestId("variant-fieldset");
  for (const [index, colour] of ["Lichen", "Slate"].entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add a variant" }).click();
    await variants.nth(index).getByLabel("Colour").fill(colour);
    await variants.nth(index).getByLabel("SKU").fill(`E2E-PHOTO-${colour.toUpperCase()}`);
    await variants.nth(index).getByLabel("Price (GBP)", { exact: true }).fill("16.00");
    await variants.nth(index).getByLabel("Weight (g)").fill("100");
    await variants.nth(index).getByLabel("Opening stock").fill("5");
  }

  // Both at once through the picker; each shows its preview once uploaded.
  await page.getByLabel("Choose photos").setInputFiles([await pngFile("lichen.png", { r: 150, g: 170, b: 90 }), await pngFile("slate.png", { r: 80, g: 90, b: 110 })]);
  const photos = page.getByTestId("photo-item");
  await expect(photos).toHaveCount(2);
  await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText(/Uploading \d/)).toHaveCount(0);
  await audit(page);

  // Dropped onto the box works the same way; this one is taken out again.
  const dropped = await pngFile("dropped.png", { r: 200, g: 120, b: 40 });
  const dataTransfer = await page.evaluateHandle((base64) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], "dropped.png", { type: "image/png" }));
    return transfer;
  }, dropped.buffer.toString("base64"));
  await page.getByTestId("photo-drop-zone").dispatchEvent("drop", { dataTransfer });
  await expect(photos).toHaveCount(3);
  await expect(photos.nth(2)).toContainText("dropped.png");
  await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 20_000 });
  await page.getByRole("button", { name: "Remove photo 3" }).click();
  await expect(photos).toHaveCount(2);

  // No alt text: refused before anything is sent, next to the photo.
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(photos.nth(0).getByLabel("Alt text")).toHaveAccessibleDescription(/Describe the photo/);

  // The slate photo goes first, then back: the order buttons move it.
  await page.getByRole("button", { name: "Move photo 2 up" }).click();
  await expect(photos.nth(0)).toContainText("slate.png");
  await page.getByRole("button", { name: "Move photo 1 down" }).click();
  await expect(photos.nth(0)).toContainText("lichen.png");
  // Dragged by its handle it moves the same way (the buttons stay for the keyboard and for WCAG 2.5.7).
  await photos.nth(1).locator("[data-drag-handle]").dragTo(photos.nth(0));
  await expect(photos.nth(0)).toContainText("slate.png");
  await expect(photos.nth(1)).toContainText("lichen.png");
  await photos.nth(0).locator("[data-drag-handle]").dragTo(photos.nth(1));
  await expect(photos.nth(0)).toContainText("lichen.png");

  await photos.nth(0).getByLabel("Alt text").fill("A skein of Lichen, all the greens");
  await photos.nth(1).getByLabel("Alt text").fill("A skein of Slate, blue grey");
  await photos.nth(1).getByLabel("Shows").selectOption({ label: "Slate" });
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Product created.")).toBeVisible();
  await audit(page);
  // The saved product comes back with its photos, the colourway kept.
  await expect(photos).toHaveCount(2);
  await expect(photos.nth(1).getByLabel("Shows")).toHaveValue(/\d+/);
  await expect(photos.nth(1).getByLabel("Alt text")).toHaveValue("A skein of Slate, blue grey");

  await page.goto("/products/lichen-photo-yarn");
  const main = page.getByRole("img", { name: "A skein of Lichen, all the greens" });
  await expect(main).toBeVisible();
  // Served through next/image from the shop's own /uploads.
  await expect(main).toHaveAttribute("src", /\/_next\/image\?url=%2Fuploads%2F/);
  await expect(page.getByRole("button", { name: /Show image 2: A skein of Slate/ })).toBeVisible();
  await page.getByRole("radio", { name: /Slate/ }).check({ force: true });
  await expect(page.getByRole("img", { name: "A skein of Slate, blue grey" })).toBeVisible();
  const loaded = await page.getByRole("img", { name: "A skein of Slate, blue grey" }).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);
  expect(loaded).toBe(true);
});
