"use client";
import { useActionState } from "react";
import { createDataSourceAction } from "./actions";
import { ID_TYPE_VALUES } from "@/lib/validation/data-source";
import { ID_TYPE_LABELS } from "@/components/labels";
import { FIELD_INPUT_CLASS as field, FormField } from "@/components/form-field";

export function DataSourceForm() {
  const [state, action, pending] = useActionState(createDataSourceAction, null);
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} className="grid max-w-xl grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Add a data source">
      {[
        { name: "name", label: "Name", placeholder: "CRM customers" },
        { name: "dpid", label: "Data source ID (DPID)", placeholder: "21", inputMode: "numeric" as const },
        { name: "targetDpid", label: "Target DPID (optional)", placeholder: "", inputMode: "numeric" as const },
        { name: "partnerFolder", label: "Partner folder", placeholder: "acme" },
      ].map((f) => (
        <FormField key={f.name} label={f.label} name={f.name} error={err(f.name)} placeholder={f.placeholder} inputMode={f.inputMode} />
      ))}
      <label className="text-sm font-medium">
        ID type
        <select name="idType" className={field} defaultValue="dpuuid">
          {ID_TYPE_VALUES.map((t) => (
            <option key={t} value={t}>{ID_TYPE_LABELS[t]}</option>
          ))}
        </select>
      </label>
      <div className="col-span-2 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Saving…" : "Add data source"}
        </button>
        <p role="status" className={`text-sm ${state?.ok ? "text-green-700" : "text-red-700"}`}>
          {state ? (state.ok ? "Data source added." : state.message) : null}
        </p>
      </div>
    </form>
  );
}
