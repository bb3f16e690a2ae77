// The hosts /ibs may redirect to for a DPID. A DPID is not unique among data sources (one per partner
// folder or target DPID can share it), and the call names only the DPID, so the allow-list is the union of
// theirs: each of them is allowed to send its users to its own hosts.
import "server-only";
import { db } from "@/lib/server/db";

export async function redirectHostsForDpid(dpid: number): Promise<string[]> {
  const rows = await db.dataSource.findMany({ where: { dpid }, select: { redirectHosts: true } });
  return [...new Set(rows.flatMap((r) => r.redirectHosts))];
}
