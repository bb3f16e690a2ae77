// A separate worker process for the crash test: processes one submission, so the test can kill it with
// SIGKILL mid-delivery. `--conditions=react-server` makes `server-only` importable outside Next.
import { processSubmission } from "@/lib/server/submissions/process-submission";

const id = process.argv[2];
if (!id) throw new Error("usage: run-worker <submissionId>");
await processSubmission(id);
process.exit(0);
