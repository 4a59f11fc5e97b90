// The storefront's catalogue reads from Next's data cache: kept until a writer expires their tag after its commit, never on a timer.
import { unstable_cache } from "next/cache";
import { CACHE_TAGS } from "@/lib/cache/cache-tags";
import { db } from "@/lib/db";
import { getPublishedPage, listPublishedPages } from "@/lib/pages/list-pages";
import { getSettings } from "@/lib/settings";
import { getActiveProductCatalog } from "@/lib/catalog/get-product";
import { getCollectionBySlug, listCollections } from "@/lib/catalog/list-collections";
import { listCatalogProducts, type ListProductsOptions } from "@/lib/catalog/list-products";
import { productUpdateTimes } from "@/lib/updates/product-update-times";

// Nothing here carries stock: callers join live availability (withLiveAvailability, withSoldOut).

export const cachedActiveProduct = unstable_cache(async (slug: string) => getActiveProductCatalog(await db(), slug), ["active-product"], {
  tags: [CACHE_TAGS.catalog],
});

/** Shop updates' times (not states: the browser's clock decides those); the update writers expire the catalog tag. */
export const cachedProductUpdateTimes = unstable_cache(async (productId: number) => productUpdateTimes(await db(), productId), ["product-update-times"], {
  tags: [CACHE_TAGS.catalog],
});

export const cachedCatalogListing = unstable_cache(async (options: ListProductsOptions) => listCatalogProducts(await db(), options), ["catalog-listing"], {
  tags: [CACHE_TAGS.catalog],
});

export const cachedCollections = unstable_cache(async (options: { featuredOnly?: boolean }) => listCollections(await db(), options), ["collections"], {
  tags: [CACHE_TAGS.catalog],
});

export const cachedCollection = unstable_cache(async (slug: string) => getCollectionBySlug(await db(), slug), ["collection"], {
  tags: [CACHE_TAGS.catalog],
});

export const cachedSettings = unstable_cache(async () => getSettings(await db()), ["settings"], { tags: [CACHE_TAGS.settings] });

export const cachedPublishedPages = unstable_cache(async () => listPublishedPages(await db()), ["published-pages"], { tags: [CACHE_TAGS.pages] });

export const cachedPublishedPage = unstable_cache(async (slug: string) => getPublishedPage(await db(), slug), ["published-page"], { tags: [CACHE_TAGS.pages] });
