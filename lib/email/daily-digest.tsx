// The owner's daily digest (React Email): colourways at or below the low-stock threshold, and what is waiting in the admin.
import { Column, Heading, Hr, Link, Row, Section, Text } from "@react-email/components";
import { emailBrandingOf, type BrandingSettings, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { cellStyle, linkStyle, mutedStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";

export type DigestLowStockLine = { productName: string; variantName: string; sku: string; available: number };

/** A count of things waiting for the owner, with the admin page where they are handled (absolute). */
export type DigestWaitingCount = { label: string; count: number; url: string };

export type DailyDigest = {
  /** The shop day it covers (yyyy-mm-dd, London). */
  day: string;
  lowStockThreshold: number;
  lowStock: DigestLowStockLine[];
  lowStockUrl: string;
  waiting: DigestWaitingCount[];
};

export function dailyDigestSubject(storeName: string, digest: Pick<DailyDigest, "day" | "lowStock">): string {
  const low = digest.lowStock.length;
  return `${storeName}: daily digest for ${digest.day}${low > 0 ? ` – ${low} colourway${low === 1 ? "" : "s"} running low` : ""}`;
}

export function DailyDigestEmail({ branding, digest }: { branding: EmailBranding; digest: DailyDigest }) {
  const waiting = digest.waiting.filter((item) => item.count > 0);
  return (
    <EmailLayout branding={branding} preview={`Your digest for ${digest.day}`}>
      <Heading as="h1" style={{ fontSize: "20px", margin: "0 0 8px" }}>
        Your digest for {digest.day}
      </Heading>
      {digest.lowStock.length > 0 ? (
        <Section>
          <Heading as="h2" style={{ fontSize: "17px", margin: "16px 0 4px" }}>
            Running low
          </Heading>
          <Text style={mutedStyle}>Colourways with {digest.lowStockThreshold} or fewer units available.</Text>
          {digest.lowStock.map((line) => (
            <Row key={line.sku}>
              <Column style={cellStyle}>
                {line.productName} – {line.variantName} <span style={mutedStyle}>({line.sku})</span>
              </Column>
              <Column style={{ ...cellStyle, textAlign: "right", whiteSpace: "nowrap" }}>{line.available === 0 ? "sold out" : `${line.available} left`}</Column>
            </Row>
          ))}
          <Text style={{ fontSize: "15px" }}>
            <Link href={digest.lowStockUrl} style={linkStyle}>
              Open the low-stock inventory
            </Link>
          </Text>
        </Section>
      ) : (
        <Text style={{ fontSize: "15px" }}>No colourway is running low.</Text>
      )}
      {waiting.length > 0 ? (
        <Section>
          <Hr />
          <Heading as="h2" style={{ fontSize: "17px", margin: "16px 0 4px" }}>
            Waiting for you
          </Heading>
          {waiting.map((item) => (
            <Text key={item.label} style={{ fontSize: "15px", margin: "4px 0" }}>
              <Link href={item.url} style={linkStyle}>
                {item.label}: {item.count}
              </Link>
            </Text>
          ))}
        </Section>
      ) : null}
    </EmailLayout>
  );
}

/** Renders before the transaction that queues it (no React under the writer lock). */
export function renderDailyDigest(settings: BrandingSettings, digest: DailyDigest): Promise<RenderedEmail> {
  const branding = emailBrandingOf(settings);
  return renderEmail(dailyDigestSubject(branding.storeName, digest), <DailyDigestEmail branding={branding} digest={digest} />);
}
