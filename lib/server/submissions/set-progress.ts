import "server-only";
import { db } from "@/lib/server/db";

export type ProgressPhase = "converting" | "delivering";

/** Writes live progress at most twice a second; the page polls it. */
export function progressReporter(id: string) {
  let last = 0;
  return (phase: ProgressPhase, done: number, total: number, force = false) => {
    const now = Date.now();
    if (!force && now - last < 500) return;
    last = now;
    void db.submission.update({ where: { id }, data: { progress: { phase, done, total } } }).catch(() => undefined);
  };
}
