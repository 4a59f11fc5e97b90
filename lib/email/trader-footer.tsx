// The legal trader details at the foot of an order email, when the owner has set them.
import { Hr, Text } from "@react-email/components";
import type { TraderDetails } from "@/lib/settings/trader-details";
import { mutedStyle } from "./email-styles";

const small = { ...mutedStyle, fontSize: "12px", lineHeight: "18px", margin: "0" };

export function TraderFooter({ trader }: { trader: TraderDetails | null }) {
  if (!trader) return null;
  const registration = [trader.companyNumber ? `Company number ${trader.companyNumber}` : null, trader.vatNumber ? `VAT number ${trader.vatNumber}` : null].filter(Boolean).join(" · ");
  return (
    <>
      <Hr />
      <Text style={small}>{[trader.name, ...trader.addressLines].join(", ")}</Text>
      {registration ? <Text style={small}>{registration}</Text> : null}
    </>
  );
}
