import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDataSource } from "@/lib/server/data-sources/get-data-source";
import { listTraits } from "@/lib/server/traits/list-traits";
import { TraitForm } from "./trait-form";
import { TraitRow } from "./trait-row";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Traits" };
export const dynamic = "force-dynamic";

export default async function TraitsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const ds = await getDataSource(id, user);
  if (!ds) notFound();
  const traits = await listTraits(ds.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Onboarded traits of <Link className="underline" href={`/data-sources/${ds.id}`}>{ds.name}</Link></h1>
        <p className="max-w-3xl text-sm text-slate-600">
          The local processor realises these traits from inbound signals, as Audience Manager does: <code>d_sid=&lt;trait ID&gt;</code> qualifies
          for any of them; <code>ic == &quot;52&quot;</code> matches <code>ic=52</code> or a bare <code>52</code>; <code>tier == &quot;gold&quot;</code>{" "}
          matches <code>&quot;tier&quot;=&quot;gold&quot;</code> (keys and values compared without regard to case). Signals that match nothing count as
          unused; trait IDs of other data sources count as &quot;traits failed validation&quot;.
        </p>
      </div>
      {traits.length === 0 ? (
        <p className="text-slate-600">No traits yet. Add the onboarded traits you created in Audience Manager, with the same IDs.</p>
      ) : (
        <table className="w-full max-w-4xl border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="p-2">Trait ID</th><th className="p-2">Name</th><th className="p-2">Rule</th><th className="p-2 text-right">Profiles</th><th className="p-2"></th>
            </tr>
          </thead>
          <tbody>
            {traits.map((t) => (
              <TraitRow key={t.id} dataSourceId={ds.id} trait={t} canEdit={user.role !== "marketer"} />
            ))}
          </tbody>
        </table>
      )}
      {user.role === "marketer" ? null : (
        <section aria-label="Add a trait" className="max-w-4xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">Add a trait</h2>
          <TraitForm dataSourceId={ds.id} />
        </section>
      )}
    </div>
  );
}
