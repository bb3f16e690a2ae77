import "server-only";
import { db } from "@/lib/server/db";

export function listDataSources() {
  return db.dataSource.findMany({ orderBy: { name: "asc" } });
}
