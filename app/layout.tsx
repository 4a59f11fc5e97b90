import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ShopChrome } from "./_components/shop-chrome";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hedgerow Dye Works", template: "%s · Hedgerow Dye Works" },
  description: "Hand-dyed yarn, dyed in small batches.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#3d5630" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col font-sans">
        <a
          href="#content"
          className="sr-only z-50 rounded-md bg-brand-900 px-4 py-2 text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
        >
          Skip to content
        </a>
        {/* The header reads the database per request (connection() inside), never at build time. */}
        <ShopChrome>{children}</ShopChrome>
      </body>
    </html>
  );
}
