// POST /api/submissions: { uploadId, meta } after a resumable upload. Checks the guards again on the
// server, creates the submission, and queues its conversion and delivery; the page follows the status.
import { env } from "@/lib/server/env";
import { userMessage } from "@/lib/server/errors";
import { enqueueProcessSubmission } from "@/lib/server/jobs/enqueue";
import { createSubmission } from "@/lib/server/submissions/create-submission";
import { DuplicateSubmissionError } from "@/lib/server/submissions/submission-guards";
import { createSubmissionSchema } from "@/lib/validation/submission";

export async function POST(request: Request) {
  const parsed = createSubmissionSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 422 });
  }
  try {
    const submission = await createSubmission(parsed.data.meta, parsed.data.uploadId, env().APP_USER);
    await enqueueProcessSubmission(submission.id);
    return Response.json({ id: submission.id }, { status: 201 });
  } catch (error) {
    const { message, status } = userMessage(error);
    const duplicateOf = error instanceof DuplicateSubmissionError ? error.previous.id : undefined;
    return Response.json({ error: message, ...(duplicateOf ? { duplicateOf } : {}) }, { status });
  }
}
