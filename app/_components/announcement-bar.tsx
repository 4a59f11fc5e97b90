// The owner's announcement above the header of every storefront page, a link when one is set.
import Link from "next/link";

export function AnnouncementBar({ text, link }: { text: string; link: string }) {
  const isOffSite = /^https:\/\//i.test(link);
  return (
    <div role="region" aria-label="Announcement" className="bg-brand-900 px-4 py-2 text-center text-sm font-medium text-white">
      {link === "" ? (
        <p>{text}</p>
      ) : isOffSite ? (
        <a href={link} rel="noopener noreferrer" className="underline underline-offset-2 hover:text-brand-100">
          {text}
        </a>
      ) : (
        <Link href={link} className="underline underline-offset-2 hover:text-brand-100">
          {text}
        </Link>
      )}
    </div>
  );
}
