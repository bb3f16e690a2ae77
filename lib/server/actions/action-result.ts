// The one shape every server action returns, so forms render field errors and messages uniformly.
import type { z } from "zod";
import { userMessage } from "@/lib/server/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string[]> };

export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: (data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, message: "Please correct the highlighted fields.", fieldErrors };
  }
  try {
    return { ok: true, data: await fn(parsed.data) };
  } catch (error) {
    const { message, code } = userMessage(error);
    return { ok: false, message, ...(code ? { code } : {}) };
  }
}
