"use client";
import Link from "next/link";
import { useActionState } from "react";
import { attachReceiptAction } from "./actions";

export function AttachReceiptForm({ submissionId }: { submissionId: string }) {
  const [state, action, pending] = useActionState(attachReceiptAction, null);
  return (
    <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Attach AAM's receipt">
      <input type="hidden" name="submissionId" value={submissionId} />
      <label className="block text-sm font-medium">
        Receipt e-mail text
        <textarea
          name="text"
          rows={14}
          className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
          placeholder={"Dear Adobe Partner: (ID:…)\nFile name:\ns3n://…\nRecords received: …"}
          aria-describedby="text-help"
        />
        <span id="text-help" className="text-xs font-normal text-slate-500">Paste the whole message, from &quot;Dear Adobe Partner&quot; to &quot;Job end time&quot;.</span>
      </label>
      <label className="block text-sm font-medium">
        …or the saved message (.eml, .txt or .html)
        <input name="file" type="file" accept=".eml,.txt,.html,.htm,message/rfc822,text/plain,text/html" className="mt-1 block text-sm" />
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Reading…" : "Attach receipt"}
        </button>
        <div role="status" className="text-sm">
          {state?.ok ? (
            <span className="text-green-700">
              Receipt attached to {state.data.linked} submission(s){state.data.processed ? `; ${state.data.processed} marked processed` : ""}.
              {state.data.namesThisSubmission ? "" : " It lists none of this submission's files; check that it is the right receipt."}
              {state.data.storedMismatch ? " Its Stored Records do not follow AAM's formula (Adobe's own sample does not either); shown as reported." : ""}{" "}
              <Link className="underline" href={`/submissions/${submissionId}`}>Back to the submission</Link>
            </span>
          ) : state ? (
            <span className="text-red-700">{state.message}</span>
          ) : null}
        </div>
      </div>
    </form>
  );
}
