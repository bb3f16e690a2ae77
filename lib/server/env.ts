// The one place that reads process.env. Every setting is validated here with zod, so a bad value stops
// the server at start-up with a message naming the variable, instead of failing later mid-request.
// The schema lives in env-schema.ts so the launcher (scripts/serve.ts) can read the same defaults.
// The README's configuration table documents each variable; keep the two in step.
import "server-only";
import { z } from "zod";
import { envSchema } from "@/lib/server/env-schema";

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
