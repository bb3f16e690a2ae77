import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SafeError } from "@/lib/server/errors";
import type { Role } from "@/lib/validation/auth";

// Who may see what: an admin sees every partner; a partner solutions manager the partners assigned to
// them; a marketer their one partner. A partner is a data source's partnerFolder. Every query that reads
// partner data goes through one of these, so the rule lives in one place.
export type Viewer = { id: string; role: Role; partners: string[] };

export function dataSourceWhere(viewer: Viewer): Prisma.DataSourceWhereInput {
  return viewer.role === "admin" ? {} : { partnerFolder: { in: viewer.partners } };
}

export function submissionWhere(viewer: Viewer): Prisma.SubmissionWhereInput {
  return viewer.role === "admin" ? {} : { dataSource: dataSourceWhere(viewer) };
}

export function canSeePartner(viewer: Viewer, partnerFolder: string): boolean {
  return viewer.role === "admin" || viewer.partners.includes(partnerFolder);
}

/** Not found rather than forbidden, so an ID from another partner reveals nothing about it. */
export function notFound(what = "That item"): SafeError {
  return new SafeError(`${what} was not found, or you do not have access to it.`, 404, "not_found");
}

/** True only for notFound()'s answer: a database failure must not pass for "not found". */
export function isNotFound(e: unknown): boolean {
  return e instanceof SafeError && e.code === "not_found";
}

export function requireRoleOf(viewer: Viewer, roles: readonly Role[], doing: string): void {
  if (!roles.includes(viewer.role)) throw new SafeError(`Your role cannot ${doing}. Ask an admin.`, 403, "forbidden");
}
