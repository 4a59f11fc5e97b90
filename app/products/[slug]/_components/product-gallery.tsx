"use client";
// The product's images: a large view and thumbnails; picking a colourway brings its image forward.
import { ProductImage } from "@/app/_components/product-image";

export type GalleryImage = { id: number; url: string; alt: string; variantId: number | null };

type ProductGalleryProps = {
  images: GalleryImage[];
  activeImageId: number | null;
  onSelect: (imageId: number) => void;
  productName: string;
};

export function ProductGallery({ images, activeImageId, onSelect, productName }: ProductGalleryProps) {
  const active = images.find((image) => image.id === activeImageId) ?? images[0] ?? null;
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-hidden rounded-2xl border border-stone-200 bg-white">
        <ProductImage image={active ? { url: active.url, alt: active.alt || productName } : null} eager className="aspect-square w-full" sizes="(min-width: 1280px) 600px, (min-width: 768px) 50vw, 100vw" />
      </div>
      {images.length > 1 ? (
        <ul className="flex gap-2 overflow-x-auto pb-1" aria-label="Product images">
          {images.map((image, index) => {
            const isActive = image.id === active?.id;
            return (
              <li key={image.id} className="shrink-0">
                <button
                  type="button"
                  onClick={() => onSelect(image.id)}
                  aria-pressed={isActive}
                  aria-label={`Show image ${index + 1}${image.alt ? `: ${image.alt}` : ""}`}
                  className={`block overflow-hidden rounded-lg border-2 ${isActive ? "border-brand-700" : "border-transparent hover:border-stone-300"}`}
                >
                  <ProductImage image={{ url: image.url, alt: "" }} className="h-16 w-16 sm:h-20 sm:w-20" sizes="80px" />
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
