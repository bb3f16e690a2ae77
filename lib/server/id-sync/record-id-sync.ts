// Records a DPUUID-to-AAM-UUID match. One row per DPID and DPUUID: a later sync from another browser
// moves the DPUUID to that browser's UUID (AAM keeps several; the processor needs only "is it matched").
import "server-only";
import { db } from "@/lib/server/db";

export async function recordIdSync(dpid: number, dpuuid: string, aamUuid: string): Promise<void> {
  await db.idSyncMatch.upsert({
    where: { dpid_dpuuid: { dpid, dpuuid } },
    create: { dpid, dpuuid, aamUuid },
    update: { aamUuid },
  });
}
