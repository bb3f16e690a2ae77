import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { type DataSourceInput } from "@/lib/validation/data-source";
import { GLOBAL_DEVICE_DPIDS } from "@/lib/aam/file-name";

export async function createDataSource(input: DataSourceInput, actor: string) {
  if (GLOBAL_DEVICE_DPIDS.has(input.dpid) && input.targetDpid === undefined) {
    throw new SafeError(`DPID ${input.dpid} is a global device data source: AAM requires a target DPID for its files.`);
  }
  const existing = await db.dataSource.findUnique({ where: { name: input.name } });
  if (existing) throw new SafeError(`A data source named "${input.name}" already exists.`, 409);
  const created = await db.dataSource.create({ data: { ...input, targetDpid: input.targetDpid ?? null } });
  await audit(actor, "data_source.create", "DataSource", created.id, { name: created.name, dpid: created.dpid });
  return created;
}
