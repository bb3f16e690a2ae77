import Link from "next/link";
import { listSubmissions } from "@/lib/server/submissions/list-submissions";
import { listDataSources } from "@/lib/server/data-sources/list-data-sources";
import { StatusBadge } from "@/components/status-badge";
import { formatDateTime } from "@/components/format";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requirePageUser();
  const [recent, sources] = await Promise.all([listSubmissions(user, {}, 5).then((p) => p.rows), listDataSources(user)]);
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-2xl font-semibold">Get CRM data into Audience Manager</h1>
        <p className="mt-1 max-w-2xl text-slate-600">
          Drop a CRM export, map its columns to a user ID and traits, fix what AAM would reject, and send a correctly named,
          gzipped inbound file to the right bucket. Every check runs in your browser first and again on the server.
        </p>
        <div className="mt-4 flex gap-3">
          <Link href="/submissions/new" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">New submission</Link>
          <Link href="/data-sources" className="rounded border border-slate-300 px-4 py-2 font-medium">
            {sources.length ? `${sources.length} data source${sources.length === 1 ? "" : "s"}` : "Add a data source"}
          </Link>
        </div>
      </section>
      <section>
        <h2 className="text-lg font-semibold">Recent submissions</h2>
        {recent.length === 0 ? (
          <p className="text-slate-600">None yet.</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg border border-slate-200 bg-white">
            {recent.map((r) => (
              <li key={r.id} className="flex items-center justify-between p-3 text-sm">
                <Link href={`/submissions/${r.id}`} className="text-brand-700 underline">{r.originalName}</Link>
                <span className="text-slate-500">{r.dataSource} → {r.environment} · {formatDateTime(r.createdAt)}</span>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
