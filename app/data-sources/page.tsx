import type { Metadata } from "next";
import Link from "next/link";
import { listDataSources } from "@/lib/server/data-sources/list-data-sources";
import { ID_TYPE_LABELS } from "@/components/labels";
import { DataSourceForm } from "./data-source-form";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Data sources" };
export const dynamic = "force-dynamic";

export default async function DataSourcesPage() {
  const user = await requirePageUser();
  const sources = await listDataSources(user);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Data sources</h1>
      {sources.length === 0 ? (
        <p className="text-slate-600">No data sources yet. Add the first one with the DPID Audience Manager gave you.</p>
      ) : (
        <table className="w-full max-w-3xl border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="p-2">Name</th><th className="p-2">DPID</th><th className="p-2">Target</th><th className="p-2">ID type</th><th className="p-2">Partner folder</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} className="border-b">
                <td className="p-2 font-medium">
                  <Link className="underline" href={`/data-sources/${s.id}`}>{s.name}</Link>{" "}
                  <Link className="text-xs text-brand-700 underline" href={`/data-sources/${s.id}/traits`}>traits</Link>
                </td>
                <td className="p-2 font-mono">{s.dpid}</td>
                <td className="p-2 font-mono">{s.targetDpid ?? "—"}</td>
                <td className="p-2">{ID_TYPE_LABELS[s.idType]}</td>
                <td className="p-2 font-mono">{s.partnerFolder}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {user.role === "admin" ? (
        <>
          <h2 className="text-lg font-semibold">Add a data source</h2>
          <DataSourceForm />
        </>
      ) : null}
    </div>
  );
}
