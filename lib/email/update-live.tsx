// The update-live email (React Email): a shop update with a colourway a shopper waited for has opened.
import { Heading, Link, Text } from "@react-email/components";
import { colourwayLabel, type WaitlistColourway } from "./back-in-stock";
import { emailBrandingOf, type BrandingSettings, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { linkStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";
import { WaitlistEmailFooter } from "./waitlist-email-footer";

export type UpdateLiveProps = EmailBranding & WaitlistColourway & { updateName: string };

export function UpdateLiveEmail(props: UpdateLiveProps) {
  const colourway = colourwayLabel(props);
  return (
    <EmailLayout branding={props} preview={`${props.updateName} is live: ${colourway}`}>
      <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
        {props.updateName} is live
      </Heading>
      <Text style={{ fontSize: "15px" }}>
        The update with {colourway} has just opened. There are only a few skeins, and we have told a few more knitters than there are
        skeins, so it may not last long.
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
export function renderUpdateLive(settings: BrandingSettings, colourway: WaitlistColourway & { updateName: string }): Promise<RenderedEmail> {
  const props = { ...emailBrandingOf(settings), ...colourway };
  return renderEmail(`${props.storeName}: ${props.updateName} is live – ${colourwayLabel(colourway)}`, <UpdateLiveEmail {...props} />);
}
