// GET /api/uploads/:id: which chunks the server has, so an interrupted upload resumes where it stopped.
import { z } from "zod";
import { getUpload } from "@/lib/server/uploads/get-upload";
import { requireApiUser } from "@/lib/server/auth/current-user";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: "Not found" }, { status: 404 });
  const upload = await getUpload(id, user.email);
  return upload ? Response.json(upload) : Response.json({ error: "Not found" }, { status: 404 });
}
