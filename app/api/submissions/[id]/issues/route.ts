// GET /api/submissions/:id/issues: the server's issue samples as CSV (formula-injection safe).
import { z } from "zod";
import type { Issue } from "@/lib/aam/issues";
import { issueCsvLine, issuesCsvHeader } from "@/lib/crm/issues-csv";
import { db } from "@/lib/server/db";
import { requireApiUser } from "@/lib/server/auth/current-user";
import { submissionWhere } from "@/lib/server/auth/scope";
import { audit } from "@/lib/server/audit";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const { id } = await ctx.params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: "Not found" }, { status: 404 });
  const s = await db.submission.findFirst({ where: { id, ...submissionWhere(user) }, select: { originalName: true, issues: { orderBy: { code: "asc" } } } });
  if (!s) return Response.json({ error: "Not found" }, { status: 404 });
  let csv = issuesCsvHeader();
  for (const summary of s.issues) for (const sample of summary.samples as unknown as Issue[]) csv += issueCsvLine(sample, []);
  const name = `${s.originalName.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_.-]/g, "_")}-issues.csv`;
  await audit(user.email, "issues.download", "Submission", id);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
}
