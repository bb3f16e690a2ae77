import "server-only";
import { db } from "@/lib/server/db";

/** What the browser needs to resume: which chunks the server already has. */
export async function getUpload(id: string, actor: string) {
  const s = await db.uploadSession.findFirst({ where: { id, createdBy: actor }, include: { parts: { select: { index: true } } } });
  if (!s) return null;
  return {
    id: s.id,
    status: s.status,
    fileName: s.fileName,
    size: Number(s.size),
    chunkSize: s.chunkSize,
    chunks: Math.ceil(Number(s.size) / s.chunkSize),
    received: s.parts.map((p) => p.index).sort((a, b) => a - b),
    expired: s.expiresAt < new Date(),
  };
}
