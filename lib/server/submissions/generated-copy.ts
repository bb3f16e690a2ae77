import "server-only";
import { putNewObject } from "@/lib/server/storage/put-new-object";
import { serverS3Client, storageTarget } from "@/lib/server/storage/s3-client";

export function generatedKey(submissionId: string, name: string): string {
  return `generated/${submissionId}/${name}`;
}

/** Stores the generated part in the server's storage bucket (idempotent: same bytes, same key). */
export async function keepGeneratedCopy(submissionId: string, part: { name: string; path: string; sha256: string }): Promise<void> {
  await putNewObject(serverS3Client(), {
    bucket: storageTarget().bucket,
    key: generatedKey(submissionId, part.name),
    path: part.path,
    sha256: part.sha256,
    contentType: "application/gzip",
  });
}
