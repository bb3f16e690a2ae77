// A worker process as production runs it (every queue, the reaper, the schedules), without the web
// server, for the crash tests: they kill it with SIGKILL at chosen moments and start another.
// `--conditions=react-server` makes `server-only` importable outside Next.
import { startWorkers } from "@/lib/server/jobs/start-workers";

await startWorkers();
process.stdout.write("workers started\n");
// pg-boss keeps the event loop alive; SIGTERM ends it cleanly.
process.on("SIGTERM", () => process.exit(0));
