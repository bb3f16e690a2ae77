import "server-only";
import { dataSourceWhere, type Viewer } from "@/lib/server/auth/scope";
import { db } from "@/lib/server/db";

/** Null when it does not exist or belongs to a partner the viewer may not see. */
export async function getDataSource(id: string, viewer: Viewer) {
  return db.dataSource.findFirst({ where: { id, ...dataSourceWhere(viewer) }, include: { _count: { select: { traits: true, profiles: true } } } });
}
