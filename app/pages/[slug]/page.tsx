// /pages/[slug] – one of the owner's published pages (About, Terms…), its Markdown rendered without raw HTML.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TraderDetailsText } from "@/app/_components/trader-details-text";
import { env } from "@/lib/env";
import { TERMS_SLUG } from "@/lib/pages/list-pages";
import { renderMarkdown, summariseMarkdown } from "@/lib/pages/render-markdown";
import { traderDetailsOf } from "@/lib/settings/trader-details";
import { cachedPublishedPage, cachedSettings } from "@/lib/storefront/storefront-cache";

type Props = { params: Promise<{ slug: string }> };

/** Kept in Next's full-route cache from its first request until a page or settings save expires its tags. */
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

/** One read for generateMetadata and the page; a hidden or unknown page is null (a 404). */
const loadPage = cache(cachedPublishedPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
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
  const { slug } = await params;
  const [page, settings] = await Promise.all([loadPage(slug), cachedSettings()]);
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
