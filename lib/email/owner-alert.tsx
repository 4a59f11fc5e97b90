// The owner's alert (React Email): one thing that needs the owner, in words, with a link to where it is handled.
import { Heading, Link, Text } from "@react-email/components";
import type { DbOrTx } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { emailBrandingOf, type BrandingSettings, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { linkStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";

export type OwnerAlertContent = {
  subject: string;
  heading: string;
  /** Plain sentences, one paragraph each. */
  paragraphs: string[];
  /** Where the owner deals with it: an absolute admin address, or Stripe's dashboard. */
  action: { label: string; url: string } | null;
};

export function OwnerAlertEmail({ branding, content }: { branding: EmailBranding; content: OwnerAlertContent }) {
  return (
    <EmailLayout branding={branding} preview={content.heading}>
      <Heading as="h1" style={{ fontSize: "20px", margin: "0 0 8px" }}>
        {content.heading}
      </Heading>
      {content.paragraphs.map((paragraph, index) => (
        <Text key={index} style={{ fontSize: "15px" }}>
          {paragraph}
        </Text>
      ))}
      {content.action ? (
        <Text style={{ fontSize: "15px" }}>
          <Link href={content.action.url} style={linkStyle}>
            {content.action.label}
          </Link>
        </Text>
      ) : null}
    </EmailLayout>
  );
}

/** Renders before the transaction that may queue it (no React under the writer lock). */
export async function renderOwnerAlert(db: DbOrTx, content: OwnerAlertContent): Promise<RenderedEmail> {
  return renderOwnerAlertWith(await getSettings(db), content);
}

/** The same, with settings the caller has already read (a plan's). */
export function renderOwnerAlertWith(settings: BrandingSettings, content: OwnerAlertContent): Promise<RenderedEmail> {
  const branding = emailBrandingOf(settings);
  return renderEmail(`${branding.storeName}: ${content.subject}`, <OwnerAlertEmail branding={branding} content={content} />);
}
