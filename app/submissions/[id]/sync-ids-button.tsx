"use client";
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { syncIdsAndReprocessAction } from "./actions";

/** Sandbox only (the server checks again): records ID-sync matches for the file's IDs and processes it again. */
export function SyncIdsButton({ submissionId }: { submissionId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The new receipt comes from a background run: refresh the page a few times until it shows.
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (polls === 0) return;
    const t = setTimeout(() => {
      router.refresh();
      setPolls((n) => n - 1);
    }, 1500);
    return () => clearTimeout(t);
  }, [polls, router]);

  function run() {
    start(async () => {
      const r = await syncIdsAndReprocessAction({ submissionId });
      if (!r.ok) return setMessage({ ok: false, text: r.message });
      const { records, added, files } = r.data;
      setMessage({
        ok: true,
        text: `Recorded ${added.toLocaleString("en-US")} new ID-sync match${added === 1 ? "" : "es"} for the customer IDs of ${records.toLocaleString("en-US")} records in ${files} file${files === 1 ? "" : "s"}. Processing again: the new receipt appears under Receipts in a few seconds.`,
      });
      setPolls(10);
    });
  }

  return (
    <div className="mt-3">
      <button type="button" onClick={run} disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Recording matches…" : "Record ID-sync matches and process again"}
      </button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`mt-2 ${message.ok ? "text-slate-700" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
