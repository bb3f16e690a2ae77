import "server-only";
import { dataSourceWhere, type Viewer } from "@/lib/server/auth/scope";
import { db } from "@/lib/server/db";

/** The data sources of the partners the viewer may see. */
export function listDataSources(viewer: Viewer) {
  return db.dataSource.findMany({ where: dataSourceWhere(viewer), orderBy: { name: "asc" } });
}
