import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { listAuditLog } from "@/lib/server/audit-log/list-audit-log";
import { AUDIT_GROUPS, auditQuerySchema } from "@/lib/validation/audit";
import { formatDateTime } from "@/components/format";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const GROUP_LABELS: Record<(typeof AUDIT_GROUPS)[number], string> = {
  auth: "Sign-ins and sign-outs",
  user: "Users and invitations",
  submission: "Submissions and receipts",
  environment: "Environments",
  credential: "Credentials",
  download: "Downloads",
  "data-source": "Data sources, traits, templates",
};
const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(["admin"]);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  const { rows, nextBefore } = await listAuditLog(query);
  const next = nextBefore ? new URLSearchParams(Object.entries({ ...query, before: nextBefore }).filter((e): e is [string, string] => Boolean(e[1]))) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form method="get" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <label className="text-sm font-medium">
          Who (e-mail)
          <input name="actor" type="search" defaultValue={query.actor ?? ""} className={input} />
        </label>
        <label className="text-sm font-medium">
          What
          <select name="group" defaultValue={query.group ?? ""} className={input}>
            <option value="">Everything</option>
            {AUDIT_GROUPS.map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Filter</button>
        {!parsed.success ? <p role="alert" className="text-sm text-red-700">Those filters are not valid; showing everything.</p> : null}
      </form>
      {rows.length === 0 ? (
        <p className="text-slate-600">Nothing recorded{query.actor || query.group ? " for these filters" : " yet"}.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="p-2">When</th><th className="p-2">Who</th><th className="p-2">Action</th><th className="p-2">On</th><th className="p-2">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b align-top">
                <td className="whitespace-nowrap p-2">{formatDateTime(r.at)}</td>
                <td className="p-2">{r.actor}</td>
                <td className="p-2 font-mono text-xs">{r.action}</td>
                <td className="p-2">
                  {r.entityType === "Submission" && r.entityId ? <Link className="text-brand-700 underline" href={`/submissions/${r.entityId}`}>Submission</Link> : r.entityType}
                </td>
                {/* Rendered as text by React (escaped), never as HTML. */}
                <td className="max-w-md truncate p-2 font-mono text-xs" title={JSON.stringify(r.details)}>{JSON.stringify(r.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? <Link href={`/audit?${next}`} className="text-sm font-medium text-brand-700 underline">Older entries</Link> : null}
    </div>
  );
}
