import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProduct } from "@/tests/factories/product";
import { getProductForEdit, listAdminProducts } from "./list-admin-products";

describe("the admin's product list", () => {
  it("lists every status with variant counts, price range and stock; searches names, slugs and SKUs; filters by status", async () => {
    const archived = await createProduct({ name: "Quillwort Archive", status: "archived", variants: [{ price: 1200, stock: 3, sku: "QUILL-A" }, { price: 1500, stock: 4 }] });
    await createProduct({ name: "Quillwort Draft", status: "draft", variants: [{ price: 900, stock: 0 }] });
    const reader = await db();
    const all = await listAdminProducts(reader, { q: "quillwort" });
    expect(all.total).toBe(2);
    expect(all.rows.find((row) => row.id === archived.id)).toMatchObject({ status: "archived", variantCount: 2, minPrice: 1200, maxPrice: 1500, totalStock: 7 });
    expect((await listAdminProducts(reader, { q: "quillwort", status: "draft" })).rows.map((row) => row.name)).toEqual(["Quillwort Draft"]);
    expect((await listAdminProducts(reader, { q: "quill-a" })).rows.map((row) => row.id)).toEqual([archived.id]);
  });

  it("reads a product for its edit form, every photo with its colourway's SKU, or null when unknown", async () => {
    const product = await createProduct({ images: [{ url: "https://images.example/a.jpg", alt: "A" }], variants: [{ options: { colour: "Sloe" }, imageUrl: "https://images.example/sloe.jpg" }] });
    const form = await getProductForEdit(await db(), product.id);
    expect(form!.images).toEqual([
      { url: "https://images.example/a.jpg", alt: "A", variantSku: null },
      { url: "https://images.example/sloe.jpg", alt: expect.any(String), variantSku: form!.variants[0]!.sku },
    ]);
    expect(form!.variants).toEqual([expect.objectContaining({ options: { colour: "Sloe" }, stock: 500 })]);
    expect(await getProductForEdit(await db(), 987_654)).toBeNull();
  });
});
