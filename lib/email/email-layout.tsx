// The shell every shop email shares: document head (with the phone viewport), preview line, logo, card, support line and trader details.
import { Body, Container, Head, Html, Img, Link, Preview, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { EmailBranding } from "./email-branding";
import { cardStyle, linkStyle, mutedStyle, pageStyle } from "./email-styles";
import { TraderFooter } from "./trader-footer";

/** Sized by height with the width left free, so a wide or a square logo both keep their shape. */
const logoStyle = { display: "block", height: "56px", width: "auto", maxWidth: "100%", margin: "0 0 16px" };

export function EmailLayout({ branding, preview, children }: { branding: EmailBranding; preview: string; children: ReactNode }) {
  return (
    <Html lang="en-GB">
      <Head>
        {/* Without it a phone's mail app lays the message out for a desktop width and shrinks it. */}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      {/* Nothing filled in after rendering goes here: the preview pads itself to its text's length. */}
      <Preview>{preview}</Preview>
      <Body style={pageStyle}>
        <Container style={cardStyle}>
          {branding.logoUrl ? <Img src={branding.logoUrl} alt={branding.storeName} height="56" style={logoStyle} /> : null}
          {children}
          <Text style={mutedStyle}>
            Questions? Reply to this email or write to{" "}
            <Link href={`mailto:${branding.supportEmail}`} style={linkStyle}>
              {branding.supportEmail}
            </Link>
            .
          </Text>
          <Text style={mutedStyle}>{branding.storeName}</Text>
          <TraderFooter trader={branding.trader} />
        </Container>
      </Body>
    </Html>
  );
}
