import "server-only";
import { env } from "@/lib/server/env";
import type { OriginSettings } from "./same-origin";

/** What the same-origin rule reads from the settings (proxy, route handlers, invitation links). */
export function originSettings(): OriginSettings {
  const { APP_URL, TRUST_PROXY } = env();
  return { appUrl: APP_URL, trustProxy: TRUST_PROXY };
}
