import type { Metadata } from "next";
import Link from "next/link";
import { listSubmissions, listSubmitters } from "@/lib/server/submissions/list-submissions";
import { listDataSources } from "@/lib/server/data-sources/list-data-sources";
import { listEnvironments } from "@/lib/server/environments/list-environments";
import { historyQuerySchema } from "@/lib/validation/history";
import { StatusBadge } from "@/components/status-badge";
import { formatBytes, formatDateTime } from "@/components/format";
import { HistoryFilters } from "./history-filters";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "History" };
export const dynamic = "force-dynamic";

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = historyQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : historyQuerySchema.parse({});
  const [{ rows, nextCursor }, dataSources, environments, users] = await Promise.all([
    listSubmissions(user, query),
    listDataSources(user),
    listEnvironments(),
    listSubmitters(user),
  ]);
  const filtered = Boolean(query.q || query.dataSource || query.environment || query.status || query.user || query.from || query.to);
  const nextParams = new URLSearchParams(Object.entries({ ...raw, cursor: nextCursor ?? "" }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Submission history</h1>
        <Link href="/submissions/new" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New submission</Link>
      </div>
      <HistoryFilters query={query} dataSources={dataSources} environments={environments} users={users} />
      {!parsed.success ? <p role="alert" className="text-sm text-red-700">Some filters were not understood and were ignored.</p> : null}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? "No submissions match these filters." : <>Nothing submitted yet. <Link className="text-brand-700 underline" href="/submissions/new">Start with a CRM export.</Link></>}
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm" aria-label="Submissions">
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="p-2">When</th><th className="p-2">File</th><th className="p-2">Data source</th><th className="p-2">Environment</th>
              <th className="p-2">User</th><th className="p-2">Mode</th><th className="p-2 text-right">Records</th><th className="p-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b hover:bg-slate-50">
                <td className="whitespace-nowrap p-2">{formatDateTime(r.createdAt)}</td>
                <td className="p-2">
                  <Link href={`/submissions/${r.id}`} className="text-brand-700 underline">{r.originalName}</Link>
                  <span className="ml-2 text-xs text-slate-500">{formatBytes(r.originalSize)}</span>
                </td>
                <td className="p-2">{r.dataSource}</td>
                <td className="p-2">{r.environmentKind === "production" ? <strong className="text-prod-600">{r.environment}</strong> : r.environment}</td>
                <td className="p-2">{r.createdBy}</td>
                <td className="p-2">{r.mode}</td>
                <td className="p-2 text-right tabular-nums">{r.recordCount.toLocaleString("en-US")}</td>
                <td className="p-2"><StatusBadge status={r.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {query.cursor ? <Link href={`/submissions?${new URLSearchParams(Object.entries({ ...raw, cursor: "" }).filter((e): e is [string, string] => Boolean(e[1])))}`} className="text-brand-700 underline">First page</Link> : null}
        {nextCursor ? <Link href={`/submissions?${nextParams}`} className="text-brand-700 underline">Next page</Link> : null}
      </nav>
    </div>
  );
}
