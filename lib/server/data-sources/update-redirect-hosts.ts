import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import type { RedirectHostsInput } from "@/lib/validation/redirect-hosts";

/**
 * The hosts /ibs may redirect to for this data source's DPID (issue 16). The caller has checked that the
 * user may see the data source; `input` has been through redirectHostsSchema, so the names are normalised.
 * The list itself goes into the audit log: who allowed which redirect target is what a review asks.
 */
export async function updateRedirectHosts(input: RedirectHostsInput, actor: string): Promise<void> {
  await db.dataSource.update({ where: { id: input.id }, data: { redirectHosts: input.redirectHosts } });
  await audit(actor, "data_source.redirect_hosts", "DataSource", input.id, { redirectHosts: input.redirectHosts });
}
