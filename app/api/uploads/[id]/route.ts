// GET /api/uploads/:id: which chunks the server has, so an interrupted upload resumes where it stopped.
import { z } from "zod";
import { env } from "@/lib/server/env";
import { getUpload } from "@/lib/server/uploads/get-upload";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: "Not found" }, { status: 404 });
  const upload = await getUpload(id, env().APP_USER);
  return upload ? Response.json(upload) : Response.json({ error: "Not found" }, { status: 404 });
}
