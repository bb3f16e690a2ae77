// GET /api/submissions/:id/original: the file exactly as the user uploaded it.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";
import { requireApiUser } from "@/lib/server/auth/current-user";
import { submissionWhere } from "@/lib/server/auth/scope";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: "Not found" }, { status: 404 });
  const s = await db.submission.findFirst({ where: { id, ...submissionWhere(user) }, select: { originalKey: true, originalName: true } });
  if (!s?.originalKey) return Response.json({ error: "Not found" }, { status: 404 });
  const object = await serverS3Client().send(new GetObjectCommand({ Bucket: storageTarget().bucket, Key: s.originalKey }));
  await audit(user.email, "original.download", "Submission", id);
  // RFC 6266: an ASCII fallback plus the UTF-8 name, both from our sanitised database value.
  const ascii = s.originalName.replace(/[^A-Za-z0-9_. -]/g, "_");
  return new Response(object.Body!.transformToWebStream(), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(s.originalName)}`,
      ...(object.ContentLength ? { "Content-Length": String(object.ContentLength) } : {}),
    },
  });
}
