// The back-in-stock email (React Email): a colourway a shopper waited for can be bought again.
import { Heading, Link, Text } from "@react-email/components";
import { emailBrandingOf, type BrandingSettings, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { linkStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";
import { WaitlistEmailFooter } from "./waitlist-email-footer";

export type WaitlistColourway = { productName: string; variantName: string; productUrl: string };

export type BackInStockProps = EmailBranding & WaitlistColourway;

export const colourwayLabel = (colourway: Pick<WaitlistColourway, "productName" | "variantName">) => `${colourway.productName} – ${colourway.variantName}`;

export function BackInStockEmail(props: BackInStockProps) {
  const colourway = colourwayLabel(props);
  return (
    <EmailLayout branding={props} preview={`${colourway} is back in stock`}>
      <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
        {colourway} is back
      </Heading>
      <Text style={{ fontSize: "15px" }}>
        The colourway you asked about is in stock again. There are only a few skeins, and we have told a few more knitters than
        there are skeins, so it may not last long.
      </Text>
      <Text style={{ fontSize: "15px" }}>
        <Link href={props.productUrl} style={linkStyle}>
          See {colourway}
        </Link>
      </Text>
      <WaitlistEmailFooter colourway={colourway} />
    </EmailLayout>
  );
}

/** Rendered once per colourway, before the transaction that queues it; each copy's unsubscribe link is filled in then. */
export function renderBackInStock(settings: BrandingSettings, colourway: WaitlistColourway): Promise<RenderedEmail> {
  const props = { ...emailBrandingOf(settings), ...colourway };
  return renderEmail(`${props.storeName}: ${colourwayLabel(colourway)} is back in stock`, <BackInStockEmail {...props} />);
}
