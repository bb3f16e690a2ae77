// Whether an environment can receive submissions, and if not, what is missing, in plain words.
import type { Environment } from "@/lib/generated/prisma/client";

export function missingSettings(e: Pick<Environment, "kind" | "transport" | "prefix" | "credentialsRef" | "host" | "username">): string[] {
  const missing: string[] = [];
  const partner = e.kind === "production" || e.kind === "beta";
  if (partner && !e.prefix) missing.push("the prefix Adobe assigned to you");
  const remote = e.transport === "sftp" || e.transport === "ftp";
  if ((partner || remote) && !e.credentialsRef) missing.push("credentials");
  if (remote && (!e.host || !e.username)) missing.push(`the ${e.transport.toUpperCase()} host and user`);
  return missing;
}
