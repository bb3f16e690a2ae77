import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDataSource } from "@/lib/server/data-sources/get-data-source";
import { receiptHistory } from "@/lib/server/receipts/receipt-history";
import { ID_TYPE_LABELS } from "@/components/labels";
import { ReceiptHistoryChart } from "@/components/receipt-history-chart";
import { ReceiptSettingsForm } from "./receipt-settings-form";
import { RedirectHostsForm } from "./redirect-hosts-form";
import { RedirectHostsList } from "./redirect-hosts-list";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Data source" };
export const dynamic = "force-dynamic";

export default async function DataSourcePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const ds = await getDataSource(id, user);
  if (!ds) notFound();
  const history = await receiptHistory(ds.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{ds.name}</h1>
        <p className="text-sm text-slate-600">
          DPID {ds.dpid}{ds.targetDpid ? ` → target ${ds.targetDpid}` : ""} · {ID_TYPE_LABELS[ds.idType]} · partner folder {ds.partnerFolder} ·{" "}
          <Link className="text-brand-700 underline" href={`/data-sources/${ds.id}/traits`}>{ds._count.traits} onboarded trait(s)</Link> ·{" "}
          {ds._count.profiles.toLocaleString("en-US")} profile(s) in the local store
        </p>
      </div>
      <section aria-label="Receipt history" className="space-y-2">
        <h2 className="text-lg font-semibold">Receipt history</h2>
        <ReceiptHistoryChart points={history} title={`Records received by ${ds.name}, stored and errors by type`} />
      </section>
      <section aria-label="Receipt settings" className="space-y-2">
        <h2 className="text-lg font-semibold">Receipts and ID matching</h2>
        {user.role === "marketer" ? (
          <p className="text-sm text-slate-600">
            {ds.crossDevice ? "Cross-device: records without an ID-sync match are kept." : "Records without an ID-sync match are dropped."}{" "}
            Receipts go to {ds.receiptEmails.length ? ds.receiptEmails.join(", ") : "nobody by e-mail"}.
          </p>
        ) : (
          <ReceiptSettingsForm id={ds.id} crossDevice={ds.crossDevice} receiptEmails={ds.receiptEmails} />
        )}
      </section>
      <section aria-labelledby="redirect-hosts-heading" className="space-y-2">
        <h2 id="redirect-hosts-heading" className="text-lg font-semibold">ID-sync redirects</h2>
        <p className="max-w-xl text-sm text-slate-600">
          The hosts <code>/ibs:dpid={ds.dpid}&amp;…&amp;redir=…</code> may send a browser on to, with ${"{DD_UUID}"} replaced.
        </p>
        {user.role === "marketer" ? <RedirectHostsList hosts={ds.redirectHosts} /> : <RedirectHostsForm id={ds.id} redirectHosts={ds.redirectHosts} />}
      </section>
    </div>
  );
}
