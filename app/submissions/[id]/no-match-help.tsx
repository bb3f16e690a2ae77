// Explains a receipt's "No Matching AAM ID" next to the receipts: AAM keeps a customer ID's traits only
// after an ID sync has paired it with one of its visitor IDs. In the local sandbox nobody's browser ever
// makes that call, so the page offers to play it for the file's IDs and process the file again.
import type { SubmissionReceipt } from "@/lib/server/receipts/list-submission-receipts";
import { isLocallyProcessed } from "@/lib/server/processing/run-processing";
import { SyncIdsButton } from "./sync-ids-button";

interface Props {
  submissionId: string;
  status: string;
  dpid: number;
  idType: string;
  crossDevice: boolean;
  environment: { kind: string; transport: string };
  /** Newest first, as the page shows them. */
  receipts: SubmissionReceipt[];
}

export function NoMatchHelp({ submissionId, status, dpid, idType, crossDevice, environment, receipts }: Props) {
  if (idType !== "dpuuid" || crossDevice) return null;
  const latest = receipts[0];
  const skipped = latest?.counters.noMatchingAamId ?? 0;
  if (skipped === 0) return null;
  const sandbox = isLocallyProcessed(environment);
  return (
    <section aria-label="No Matching AAM ID" className="rounded-lg border border-violet-300 bg-violet-50 p-4 text-sm text-slate-800">
      <h2 className="font-semibold">
        {skipped.toLocaleString("en-US")} record{skipped === 1 ? " was" : "s were"} skipped: &quot;No Matching AAM ID&quot;
      </h2>
      <p className="mt-1">
        Audience Manager stores traits for one of your customer IDs (DPUUIDs) only once an <strong>ID sync</strong> has paired it with one
        of its own visitor IDs: a call from your website, while the customer is signed in, to{" "}
        <code className="break-all rounded bg-white px-1">/ibs:dpid={dpid}&amp;dpuuid=&lt;customer ID&gt;</code>. IDs that were never synced
        are skipped, and counted here. In production, add the ID-sync call to your pages (or Adobe&apos;s Experience Platform Identity
        Service does it); records of those IDs are then kept on the next upload.
      </p>
      {sandbox ? (
        <>
          <p className="mt-2">
            This is the local sandbox: no visitor ever calls it, so a first upload&apos;s IDs are all unmatched. You can record an ID-sync match
            for every customer ID in this file (IDs already matched keep their match), as if each customer had visited once, and process the
            file again. The step is recorded in the audit log.
          </p>
          {status === "processed" ? <SyncIdsButton submissionId={submissionId} /> : null}
        </>
      ) : null}
    </section>
  );
}
