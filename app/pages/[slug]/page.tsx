// /pages/[slug] – one of the owner's published pages (About, Terms…), its Markdown rendered without raw HTML.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { TraderDetailsText } from "@/app/_components/trader-details-text";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getPublishedPage, TERMS_SLUG } from "@/lib/pages/list-pages";
import { renderMarkdown, summariseMarkdown } from "@/lib/pages/render-markdown";
import { getSettings } from "@/lib/settings";
import { traderDetailsOf } from "@/lib/settings/trader-details";

type Props = { params: Promise<{ slug: string }> };

/** One read per request for generateMetadata and the page; a hidden or unknown page is null (a 404). */
const loadPage = cache(async (slug: string) => getPublishedPage(await db(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const page = await loadPage((await params).slug);
  if (!page) return { title: "Page not found" };
  const description = summariseMarkdown(page.body) || undefined;
  const path = `/pages/${page.slug}`;
  return {
    title: page.title,
    description,
    metadataBase: new URL(env().APP_URL),
    alternates: { canonical: path },
    openGraph: { type: "website", url: path, title: page.title, description },
    twitter: { card: "summary", title: page.title, description },
  };
}

export default async function ContentPage({ params }: Props) {
  await connection();
  const { slug } = await params;
  const [page, settings] = await Promise.all([loadPage(slug), db().then(getSettings)]);
  if (!page) notFound();
  // The Terms page says who the shop is legally: it ends with the trader details from the settings.
  const trader = page.slug === TERMS_SLUG ? traderDetailsOf(settings) : null;
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8 sm:py-10">
      <h1 className="font-serif text-3xl font-semibold text-brand-900 sm:text-4xl">{page.title}</h1>
      {/* html: false in the renderer: whatever the owner typed as HTML arrives here as text. */}
      <div className="page-prose mt-6" dangerouslySetInnerHTML={{ __html: renderMarkdown(page.body) }} />
      {trader ? (
        <section aria-labelledby="who-we-are" className="page-prose mt-10 border-t border-stone-200 pt-6">
          <h2 id="who-we-are">Who we are</h2>
          <TraderDetailsText trader={trader} />
          <p>
            Email:{" "}
            <a href={`mailto:${settings.supportEmail}`}>{settings.supportEmail}</a>
          </p>
        </section>
      ) : null}
    </main>
  );
}
