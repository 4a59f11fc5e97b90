// The doctor's Resend check over the network: the key works and the sender's domain is verified.
import { Resend } from "resend";
import { DOCTOR_NETWORK_TIMEOUT_MS, failed, passed, unreachable, type DoctorCheck } from "./doctor-check";
import { senderDomain } from "./check-settings";

const NAME = "Resend domain";

export async function checkResend(params: { apiKey: string; from: string; baseUrl?: string }): Promise<DoctorCheck> {
  const domain = senderDomain(params.from);
  if (!domain) return failed(NAME, "EMAIL_FROM has no address to send from");
  const client = new Resend(params.apiKey, params.baseUrl ? { baseUrl: params.baseUrl.replace(/\/+$/, "") } : undefined);
  const { data, error } = await client.domains.list(undefined, { signal: AbortSignal.timeout(DOCTOR_NETWORK_TIMEOUT_MS) });
  if (error) {
    // The SDK reports no answer at all as a null status.
    if (typeof error.statusCode !== "number") return unreachable(NAME, error.message);
    if (error.name === "restricted_api_key") return passed(NAME, `a sending-only key cannot list domains: check ${domain} at resend.com/domains`);
    if (error.statusCode === 401 || error.statusCode === 403) return failed(NAME, "RESEND_API_KEY was refused: create a new key at resend.com/api-keys");
    return unreachable(NAME, `${error.name}: ${error.message}`);
  }
  const match = data.data.find((candidate) => candidate.name.toLowerCase() === domain);
  if (!match) return failed(NAME, `${domain} is not in this Resend account: add it at resend.com/domains and publish its DNS records`);
  if (match.status !== "verified") return failed(NAME, `${domain} is ${match.status}: publish the DNS records Resend shows for it, then verify`);
  return passed(NAME, `${domain} verified`);
}
