"use client";
import { useActionState } from "react";
import { saveReceiptSettingsAction } from "./actions";

export function ReceiptSettingsForm({ id, crossDevice, receiptEmails }: { id: string; crossDevice: boolean; receiptEmails: string[] }) {
  const [state, action, pending] = useActionState(saveReceiptSettingsAction, null);
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Receipt settings">
      <input type="hidden" name="id" value={id} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="crossDevice" defaultChecked={crossDevice} className="mt-1" />
        <span>
          <span className="font-medium">Cross-device data source</span>
          <span className="block text-xs text-slate-500">Records of customer IDs not yet ID-synced are kept (stored), not counted as &quot;No Matching AAM ID&quot;.</span>
        </span>
      </label>
      <label className="block text-sm font-medium">
        Receipt e-mail addresses
        <textarea
          name="receiptEmails"
          rows={2}
          defaultValue={receiptEmails.join("\n")}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
          aria-invalid={Boolean(err("receiptEmails"))}
          aria-describedby="receiptEmails-err"
        />
        <span id="receiptEmails-err" className="text-xs font-normal text-red-700">{err("receiptEmails")}</span>
        <span className="block text-xs font-normal text-slate-500">One per line; receipts are mailed when the server has SMTP configured.</span>
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Saving…" : "Save settings"}
        </button>
        <p role="status" className={`text-sm ${state?.ok ? "text-green-700" : "text-red-700"}`}>{state ? (state.ok ? "Saved." : state.message) : null}</p>
      </div>
    </form>
  );
}
