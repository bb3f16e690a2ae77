"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { resubmitAction } from "./actions";

interface Env { id: string; name: string; kind: string; missing: string[]; guardedAsProduction: boolean }

/** Sends the same file and mapping to another environment; production asks for the data source's name. */
export function ResubmitForm({ sourceId, dataSourceName, environments }: { sourceId: string; dataSourceName: string; environments: Env[] }) {
  const router = useRouter();
  const ready = environments.filter((e) => e.missing.length === 0);
  const [environmentId, setEnvironmentId] = useState(ready[0]?.id ?? "");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<{ message: string; duplicate: boolean } | null>(null);
  const [pending, start] = useTransition();
  const target = environments.find((e) => e.id === environmentId);
  const production = target?.kind === "production" || Boolean(target?.guardedAsProduction);

  function send(allowDuplicate = false) {
    start(async () => {
      const r = await resubmitAction({ sourceId, environmentId, confirmProduction: production ? confirm : undefined, allowDuplicate });
      if (r.ok) router.push(`/submissions/${r.data.id}`);
      else setError({ message: r.message, duplicate: r.code === "duplicate" });
    });
  }

  return (
    <section aria-label="Send again" className={`rounded-lg border bg-white p-4 ${production ? "border-2 border-prod-600" : "border-slate-200"}`}>
      <h2 className="font-semibold">Send this file again</h2>
      <p className="text-sm text-slate-600">Same original, mapping and fixes, to another environment (for example, production after a good beta run).</p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Environment
          <select value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)} className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm">
            {environments.map((e) => (
              <option key={e.id} value={e.id} disabled={e.missing.length > 0}>
                {e.name}{e.missing.length ? " (not ready)" : ""}
              </option>
            ))}
          </select>
        </label>
        {production ? (
          <label className="text-sm font-medium text-prod-600">
            Type <strong>{dataSourceName}</strong> to send to production
            <input value={confirm} onChange={(e) => setConfirm(e.target.value)} className="mt-1 block rounded border border-prod-600 px-2 py-1 text-sm" aria-label="Confirm the data source name" />
          </label>
        ) : null}
        <button
          type="button"
          onClick={() => send()}
          disabled={pending || !environmentId || (production && confirm.trim() !== dataSourceName)}
          className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50 ${production ? "bg-prod-600" : "bg-brand-600 hover:bg-brand-700"}`}
        >
          {pending ? "Sending…" : production ? "Send to production" : "Send"}
        </button>
      </div>
      {error ? (
        <div role="alert" className="mt-2 text-sm text-red-800">
          {error.message}
          {error.duplicate ? (
            <button type="button" onClick={() => send(true)} className="ml-2 rounded border border-red-800 px-2 py-0.5 text-xs">Send it again anyway</button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
