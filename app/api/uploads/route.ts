// POST /api/uploads: starts a resumable upload ({ fileName, size }) and answers its id and chunk grid.
import { userMessage } from "@/lib/server/errors";
import { createUpload } from "@/lib/server/uploads/create-upload";
import { createUploadSchema } from "@/lib/validation/upload";
import { requireApiUser } from "@/lib/server/auth/current-user";

export async function POST(request: Request) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const parsed = createUploadSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 422 });
  try {
    return Response.json(await createUpload(parsed.data, user.email), { status: 201 });
  } catch (error) {
    const { message, status } = userMessage(error);
    return Response.json({ error: message }, { status });
  }
}
