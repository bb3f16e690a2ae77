// Runs once when the Next server starts: make sure the local sandbox environment and its buckets
// exist, so a fresh machine can submit without any set-up, create the first admin on first run, and
// start this process's job workers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDefaultEnvironments } = await import("@/lib/server/environments/ensure-default-environments");
  await ensureDefaultEnvironments();
  const { bootstrapAdmin } = await import("@/lib/server/auth/bootstrap-admin");
  await bootstrapAdmin();
  const { startWorkers } = await import("@/lib/server/jobs/start-workers");
  await startWorkers();
}
