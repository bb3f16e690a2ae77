import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getSubmission } from "@/lib/server/submissions/get-submission";
import { AttachReceiptForm } from "./attach-receipt-form";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Attach AAM's receipt" };
export const dynamic = "force-dynamic";

export default async function AttachReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(["admin", "psm"]);
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const s = await getSubmission(id, user);
  if (!s) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Attach AAM&apos;s receipt</h1>
      <p className="text-sm text-slate-600">
        For <Link className="underline" href={`/submissions/${s.id}`}>{s.originalName}</Link> ({s.dataSource.name}, DPID {s.dataSource.dpid}, {s.environment.name}).
        Adobe e-mails a receipt after processing inbound files; it is read into the same counters as the local processor&apos;s receipts and
        linked to every submission of this environment whose files it lists.
      </p>
      <AttachReceiptForm submissionId={s.id} />
    </div>
  );
}
