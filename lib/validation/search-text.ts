// Free text a user filters by (history search, submitter, audit actor). Control characters are refused
// here rather than passed on: PostgreSQL cannot hold a NUL in text, and no name or e-mail contains one.
import { z } from "./zod";

export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Search text cannot contain control characters such as NUL");
}
