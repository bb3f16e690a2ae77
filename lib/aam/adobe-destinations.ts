// Which of Adobe's inbound destinations an environment points at (aam-spec §6), so that the production
// guard follows where the files really go and not the kind an admin picked: a "custom" SFTP environment
// aimed at Adobe's gateway delivers to AAM production all the same.

export type AdobeDestinationClass = "production" | "beta" | "deprecated" | "not_adobe";

export interface AdobeDestination {
  class: AdobeDestinationClass;
  /** The host or bucket as compared: lower case, no scheme, port, path or trailing dot. */
  normalized: string;
  /** Set for deprecated or misspelled destinations: the spec's wording and what to use instead. */
  warning?: string;
}

const PRODUCTION_BUCKET = "demdex-s2s-clients";
const BETA_BUCKET = "demdex-s2s-clients-sandbox-us-east-1";
// The Spanish page's mistranslation of the beta bucket; no such bucket exists.
const MISTRANSLATED_BETA_BUCKET = "demdex-s2s-customers-sandbox-us-east-1";

const HOSTS: Record<string, Omit<AdobeDestination, "normalized">> = {
  "ftp-in-gtw.demdex.com": { class: "production" },
  "52.3.74.119": { class: "production" },
  "3.233.68.222": { class: "production" },
  "sandbox-ftp-in.demdex.com": { class: "beta" },
  "ftp-in.demdex.com": { class: "deprecated", warning: "ftp-in.demdex.com is deprecated (no new accounts); use the SFTP gateway ftp-in-gtw.demdex.com." },
  "54.225.117.163": { class: "deprecated", warning: "54.225.117.163 (ftp-in.demdex.com) is deprecated (no new accounts); use the SFTP gateway ftp-in-gtw.demdex.com." },
  "ftp-out.demdex.com": { class: "deprecated", warning: "ftp-out.demdex.com is deprecated, and an outbound server; inbound files go to ftp-in-gtw.demdex.com." },
  "23.23.188.76": { class: "deprecated", warning: "23.23.188.76 (ftp-out.demdex.com) is deprecated, and an outbound server; inbound files go to ftp-in-gtw.demdex.com." },
};

/** Lower case, without a scheme, user, port, path or trailing dot: "SFTP://Ftp-In-Gtw.demdex.com.:22/x" -> "ftp-in-gtw.demdex.com". */
export function normalizeDestination(raw: string): string {
  let s = raw.trim().toLowerCase();
  s = s.replace(/^[a-z0-9+.-]+:\/\//, "");
  s = s.replace(/^[^@/]*@/, "");
  s = s.split("/")[0] ?? "";
  s = s.replace(/:\d*$/, "");
  return s.replace(/\.+$/, "");
}

export function classifyHost(host: string): AdobeDestination {
  const normalized = normalizeDestination(host);
  const known = HOSTS[normalized];
  if (known) return { normalized, ...known };
  // Any other demdex host is still Adobe's: guard it as production rather than let it pass as custom.
  if (normalized.endsWith(".demdex.com") || normalized.endsWith(".demdex.net")) return { normalized, class: "production" };
  return { normalized, class: "not_adobe" };
}

export function classifyBucket(bucket: string): AdobeDestination {
  const normalized = normalizeDestination(bucket);
  if (normalized === PRODUCTION_BUCKET) return { normalized, class: "production" };
  if (normalized === BETA_BUCKET) return { normalized, class: "beta" };
  if (normalized === MISTRANSLATED_BETA_BUCKET) {
    return { normalized, class: "beta", warning: `${MISTRANSLATED_BETA_BUCKET} is a mistranslation in Adobe's Spanish page; the beta bucket is ${BETA_BUCKET}.` };
  }
  return { normalized, class: "not_adobe" };
}

export function classifyDestination(e: { transport: string; bucket: string; host: string | null }): AdobeDestination {
  return e.transport === "s3" ? classifyBucket(e.bucket) : classifyHost(e.host ?? "");
}

/** Whether the production guard applies: kind production, or any destination that is Adobe's and not beta. */
export function isProductionDestination(e: { kind: string; transport: string; bucket: string; host: string | null }): boolean {
  if (e.kind === "production") return true;
  const c = classifyDestination(e).class;
  return c === "production" || c === "deprecated";
}
