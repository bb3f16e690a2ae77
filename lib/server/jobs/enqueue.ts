import "server-only";
import { getBoss, QUEUES } from "@/lib/server/jobs/boss";

export async function enqueueProcessSubmission(submissionId: string): Promise<void> {
  const boss = await getBoss();
  // Retries with backoff cover a worker that dies mid-job; processSubmission resumes from the
  // submission's recorded status, so a retry never redoes a finished step.
  await boss.send(QUEUES.processSubmission, { submissionId }, { retryLimit: 5, retryDelay: 5, retryBackoff: true, singletonKey: submissionId });
}
