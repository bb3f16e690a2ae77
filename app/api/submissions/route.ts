// POST /api/submissions: { uploadId, meta } after a resumable upload. Checks the guards again on the
// server, creates the submission, and queues its conversion and delivery; the page follows the status.
import { userMessage } from "@/lib/server/errors";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { createSubmission } from "@/lib/server/submissions/create-submission";
import { DuplicateSubmissionError } from "@/lib/server/submissions/submission-guards";
import { createSubmissionSchema } from "@/lib/validation/submission";
import { requireApiUser } from "@/lib/server/auth/current-user";
import { assertDataSourceVisible } from "@/lib/server/auth/assert-access";

export async function POST(request: Request) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const parsed = createSubmissionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 422 });
  }
  try {
    await assertDataSourceVisible(user, parsed.data.meta.dataSourceId);
    const submission = await createSubmission(parsed.data.meta, parsed.data.uploadId, user.email);
    await enqueueProcessSubmission(submission.id);
    return Response.json({ id: submission.id }, { status: 201 });
  } catch (error) {
    const { message, status } = userMessage(error);
    const duplicateOf = error instanceof DuplicateSubmissionError ? error.previous.id : undefined;
    return Response.json({ error: message, ...(duplicateOf ? { duplicateOf } : {}) }, { status });
  }
}
