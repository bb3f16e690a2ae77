// PUT /api/uploads/:id/chunks/:index: one chunk of the file as the raw body. Re-sending a chunk is safe.
import { userMessage } from "@/lib/server/errors";
import { putChunk } from "@/lib/server/uploads/put-chunk";
import { chunkParamsSchema } from "@/lib/validation/upload";
import { requireApiUser } from "@/lib/server/auth/current-user";

export async function PUT(request: Request, ctx: { params: Promise<{ id: string; index: string }> }) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const params = chunkParamsSchema.safeParse(await ctx.params);
  if (!params.success) return Response.json({ error: "Not found" }, { status: 404 });
  if (!request.body) return Response.json({ error: "The chunk is empty." }, { status: 400 });
  try {
    return Response.json(await putChunk(params.data.id, params.data.index, request.body, user.email));
  } catch (error) {
    const { message, status } = userMessage(error);
    return Response.json({ error: message }, { status });
  }
}
