import "server-only";
import { db } from "@/lib/server/db";

export async function getDataSource(id: string) {
  return db.dataSource.findUnique({ where: { id }, include: { _count: { select: { traits: true, profiles: true } } } });
}
