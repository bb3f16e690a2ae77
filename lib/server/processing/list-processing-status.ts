import "server-only";
import { db } from "@/lib/server/db";
import { receiptCountersSchema } from "@/lib/validation/receipt";
import { isLocallyProcessed } from "./run-processing";

/** Per environment: who processes it, how many files have been processed, and its latest receipts. */
export async function listProcessingStatus() {
  const environments = await db.environment.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] });
  const out = [];
  for (const e of environments) {
    const [files, receipts] = await Promise.all([
      db.processedFile.count({ where: { environmentId: e.id } }),
      db.receipt.findMany({ where: { environmentId: e.id }, orderBy: { startedAt: "desc" }, take: 5, include: { submissions: { select: { submissionId: true }, take: 1 } } }),
    ]);
    const names = new Map(
      (await db.dataSource.findMany({ where: { id: { in: receipts.flatMap((r) => (r.dataSourceId ? [r.dataSourceId] : [])) } }, select: { id: true, name: true } })).map((d) => [d.id, d.name]),
    );
    out.push({
      id: e.id,
      name: e.name,
      kind: e.kind,
      location: `${e.bucket}/${e.prefix}`,
      local: isLocallyProcessed(e),
      processedFiles: files,
      receipts: receipts.map((r) => ({
        id: r.id,
        startedAt: r.startedAt,
        source: r.source,
        dataSource: r.dataSourceId ? (names.get(r.dataSourceId) ?? "—") : "—",
        dataSourceId: r.dataSourceId,
        submissionId: r.submissions[0]?.submissionId ?? null,
        counters: receiptCountersSchema.parse(r.counters),
      })),
    });
  }
  return out;
}
