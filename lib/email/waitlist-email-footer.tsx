// The closing lines of every waitlist email: why it came, that it comes once, and the one-click way out.
import { Link, Text } from "@react-email/components";
import { linkStyle, mutedStyle } from "./email-styles";
import { UNSUBSCRIBE_URL_SLOT } from "./waitlist-unsubscribe-slot";

export function WaitlistEmailFooter({ colourway }: { colourway: string }) {
  return (
    <Text style={mutedStyle}>
      You asked us to email you once about {colourway}; this is that email, and we will not write about it again.{" "}
      <Link href={UNSUBSCRIBE_URL_SLOT} style={linkStyle}>
        Unsubscribe from this waitlist
      </Link>
      .
    </Text>
  );
}
