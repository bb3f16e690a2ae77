"use client";
// Adds a trait, or edits one when `trait` is given. The rule is written as in AAM's trait builder.
import { useActionState, useEffect, useRef } from "react";
import { deleteTraitAction, saveTraitAction } from "./actions";

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

export function TraitForm({ dataSourceId, trait, onDone }: { dataSourceId: string; trait?: { id: string; sid: number; name: string; rule: string }; onDone?: () => void }) {
  const [state, action, pending] = useActionState(saveTraitAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state?.ok) return;
    if (trait) onDone?.();
    else form.current?.reset();
  }, [state, trait, onDone]);
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  const prefix = trait ? `edit-${trait.id}` : "new";
  return (
    <form ref={form} action={action} className="grid grid-cols-[8rem_1fr_1fr_auto] items-start gap-3" aria-label={trait ? `Edit trait ${trait.sid}` : "Add a trait"}>
      <input type="hidden" name="dataSourceId" value={dataSourceId} />
      {trait ? <input type="hidden" name="id" value={trait.id} /> : null}
      {[
        { name: "sid", label: "Trait ID", value: trait?.sid, placeholder: "12345", inputMode: "numeric" as const },
        { name: "name", label: "Name", value: trait?.name, placeholder: "Gold tier" },
        { name: "rule", label: "Rule", value: trait?.rule ?? "d_sid", placeholder: 'd_sid, ic == "52" or tier == "gold"' },
      ].map((f) => (
        <label key={f.name} className="text-sm font-medium">
          {f.label}
          <input
            name={f.name}
            defaultValue={f.value}
            placeholder={f.placeholder}
            inputMode={f.inputMode}
            className={`${field} ${f.name === "rule" ? "font-mono" : ""}`}
            aria-invalid={Boolean(err(f.name))}
            aria-describedby={`${prefix}-${f.name}-err`}
          />
          <span id={`${prefix}-${f.name}-err`} className="text-xs font-normal text-red-700">{err(f.name)}</span>
        </label>
      ))}
      <div className="flex flex-col gap-1 pt-5">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Saving…" : trait ? "Save" : "Add trait"}
        </button>
        <span role="status" className="text-xs text-red-700">{state && !state.ok && !state.fieldErrors ? state.message : null}</span>
      </div>
    </form>
  );
}

export function DeleteTraitButton({ dataSourceId, id, sid }: { dataSourceId: string; id: string; sid: number }) {
  const [state, action, pending] = useActionState(deleteTraitAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(`Delete trait ${sid}? Profiles lose it too.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="dataSourceId" value={dataSourceId} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="text-sm text-red-700 underline disabled:opacity-50" aria-label={`Delete trait ${sid}`}>
        Delete
      </button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700"> {state.message}</span> : null}
    </form>
  );
}
