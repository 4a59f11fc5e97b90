// A product or colourway image; the shop's images are local SVGs and data URLs, so a plain <img>.
type ProductImageProps = { image: { url: string; alt: string } | null; className?: string; eager?: boolean };

export function ProductImage({ image, className = "", eager = false }: ProductImageProps) {
  if (!image) {
    return (
      <div className={`flex items-center justify-center bg-stone-100 text-xs text-stone-500 ${className}`} role="img" aria-label="No image">
        No image
      </div>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- local SVG swatches need no image optimisation
    <img
      src={image.url}
      alt={image.alt}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      className={`bg-stone-100 object-cover ${className}`}
    />
  );
}
