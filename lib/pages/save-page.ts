// The content pages' writer: create, change (fields and place in the order) and delete, each with its audit row.
import { and, asc, eq, max, ne } from "drizzle-orm";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { writeTransaction, type Tx } from "@/lib/db";
import { isConstraintError } from "@/lib/db/errors";
import { contentPages, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/app-error";
import type { ContentPage } from "./list-pages";
import type { PageChange, PageInput } from "./page-input";

const SLUG_TAKEN = "Another page already uses this address.";
const slugConflict = () => new AppError("conflict", SLUG_TAKEN, [{ path: "slug", message: SLUG_TAKEN }]);

/**
 * The slug is UNIQUE in the database, which is the real guard. Looking first turns the usual clash
 * into an error on the field; a race past the lookup meets the constraint, answered the same way.
 */
async function assertSlugFree(tx: Tx, slug: string, pageId: number | null): Promise<void> {
  const [clash] = await tx
    .select({ id: contentPages.id })
    .from(contentPages)
    .where(and(eq(contentPages.slug, slug), pageId === null ? undefined : ne(contentPages.id, pageId)));
  if (clash) throw slugConflict();
}

async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConstraintError(error, "UNIQUE")) throw slugConflict();
    throw error;
  }
}

async function getPageOrThrow(tx: Tx, id: number): Promise<ContentPage> {
  const [page] = await tx.select().from(contentPages).where(eq(contentPages.id, id));
  if (!page) throw new AppError("not_found", "That page was not found.");
  return page;
}

/** Numbers every page 0, 1, 2… with `pageId` moved to `position` (past the end means last). */
async function movePage(tx: Tx, pageId: number, position: number): Promise<void> {
  const ids = (await tx.select({ id: contentPages.id }).from(contentPages).orderBy(asc(contentPages.position), asc(contentPages.id))).map((row) => row.id);
  const others = ids.filter((id) => id !== pageId);
  others.splice(Math.min(position, others.length), 0, pageId);
  for (const [index, id] of others.entries()) await tx.update(contentPages).set({ position: index }).where(and(eq(contentPages.id, id), ne(contentPages.position, index)));
}

/** A new page goes last in the footer's order. */
export async function createPage(input: PageInput, actor: string): Promise<ContentPage> {
  return revalidateAfter([CACHE_TAGS.pages], writeTransaction(async (tx) => {
    await assertSlugFree(tx, input.slug, null);
    const [last] = await tx.select({ position: max(contentPages.position) }).from(contentPages);
    const [page] = await guarded(() =>
      tx
        .insert(contentPages)
        .values({ ...input, position: (last?.position ?? -1) + 1 })
        .returning(),
    );
    await recordAudit(tx, { actor, action: "page.created", entityType: "content_page", entityId: page!.id, data: { slug: page!.slug, title: page!.title, isPublished: page!.isPublished } });
    return page!;
  }));
}

export async function updatePage(pageId: number, change: PageChange, actor: string): Promise<ContentPage> {
  return revalidateAfter([CACHE_TAGS.pages], writeTransaction(async (tx) => {
    const before = await getPageOrThrow(tx, pageId);
    if (change.slug !== undefined) await assertSlugFree(tx, change.slug, pageId);
    const { position, ...fields } = change;
    if (Object.keys(fields).length > 0) await guarded(() => tx.update(contentPages).set({ ...fields, updatedAt: sqlNow }).where(eq(contentPages.id, pageId)));
    if (position !== undefined) await movePage(tx, pageId, position);
    const after = await getPageOrThrow(tx, pageId);
    const changed = (["slug", "title", "isPublished", "position"] as const).filter((key) => before[key] !== after[key]);
    await recordAudit(tx, {
      actor,
      action: "page.updated",
      entityType: "content_page",
      entityId: pageId,
      data: {
        slug: after.slug,
        ...Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
        ...(before.body === after.body ? {} : { bodyChanged: true }),
      },
    });
    return after;
  }));
}

export async function deletePage(pageId: number, actor: string): Promise<void> {
  await revalidateAfter([CACHE_TAGS.pages], writeTransaction(async (tx) => {
    const page = await getPageOrThrow(tx, pageId);
    await tx.delete(contentPages).where(eq(contentPages.id, pageId));
    await recordAudit(tx, { actor, action: "page.deleted", entityType: "content_page", entityId: pageId, data: { slug: page.slug, title: page.title } });
  }));
}
