// A product, colourway or collection photo through next/image: resized and re-encoded per screen,
// lazy unless it is above the fold.
import Image from "next/image";
import { isStoredUploadUrl } from "@/lib/uploads/upload-url";

type ProductImageProps = {
  image: { url: string; alt: string } | null;
  /** The box's size classes; the photo covers it. */
  className?: string;
  eager?: boolean;
  /** How wide the box is at each breakpoint (next/image picks the file from it). */
  sizes?: string;
};

/**
 * Which addresses the image optimiser may fetch: the shop's own paths and its Vercel Blob store
 * (next.config.ts allows that host and no other). SVGs (the old demo swatches), data URLs and
 * addresses pasted from other sites are shown as they are.
 */
export function isOptimisable(url: string): boolean {
  if (url.startsWith("data:") || /\.svg(?:[?#]|$)/i.test(url)) return false;
  return /^\/[^/]/.test(url) || isStoredUploadUrl(url);
}

export function ProductImage({ image, className = "", eager = false, sizes = "(min-width: 768px) 50vw, 100vw" }: ProductImageProps) {
  if (!image) {
    return (
      <div className={`flex items-center justify-center bg-stone-100 text-xs text-stone-500 ${className}`} role="img" aria-label="No image">
        No image
      </div>
    );
  }
  return (
    <div className={`relative overflow-hidden bg-stone-100 ${className}`}>
      <Image
        src={image.url}
        alt={image.alt}
        fill
        sizes={sizes}
        unoptimized={!isOptimisable(image.url)}
        loading={eager ? "eager" : "lazy"}
        fetchPriority={eager ? "high" : undefined}
        className="object-cover"
      />
    </div>
  );
}
