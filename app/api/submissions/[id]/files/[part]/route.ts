// GET /api/submissions/:id/files/:part: streams a generated AAM file from the server's own copy.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";
import { audit } from "@/lib/server/audit";
import { generatedKey } from "@/lib/server/submissions/generated-copy";
import { requireApiUser } from "@/lib/server/auth/current-user";
import { submissionWhere } from "@/lib/server/auth/scope";

const paramsSchema = z.object({ id: z.uuid(), part: z.coerce.number().int().min(1).max(100_000) });

export async function GET(request: Request, ctx: { params: Promise<{ id: string; part: string }> }) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const parsed = paramsSchema.safeParse(await ctx.params);
  if (!parsed.success) return Response.json({ error: "Not found" }, { status: 404 });
  const file = await db.submissionFile.findFirst({
    where: { submissionId: parsed.data.id, part: parsed.data.part, submission: submissionWhere(user) },
  });
  if (!file) return Response.json({ error: "Not found" }, { status: 404 });
  const object = await serverS3Client().send(
    new GetObjectCommand({ Bucket: storageTarget().bucket, Key: generatedKey(file.submissionId, file.aamName) }),
  );
  await audit(user.email, "file.download", "SubmissionFile", file.id, { name: file.aamName });
  // The name comes from our own database row, built by lib/aam; it contains only [a-z0-9_.].
  return new Response(object.Body!.transformToWebStream(), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Disposition": `attachment; filename="${file.aamName.replace(/[^A-Za-z0-9_.-]/g, "_")}"`,
      ...(object.ContentLength ? { "Content-Length": String(object.ContentLength) } : {}),
    },
  });
}
