"use client";
import { useCallback, useState } from "react";
import { DeleteTraitButton, TraitForm } from "./trait-form";

export function TraitRow({ dataSourceId, trait, canEdit }: { dataSourceId: string; trait: { id: string; sid: number; name: string; rule: string; profiles: number }; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const done = useCallback(() => setEditing(false), []);
  if (editing) {
    return (
      <tr className="border-b">
        <td colSpan={5} className="p-2">
          <TraitForm dataSourceId={dataSourceId} trait={trait} onDone={done} />
          <button type="button" className="text-xs text-slate-600 underline" onClick={done}>Cancel</button>
        </td>
      </tr>
    );
  }
  return (
    <tr className="border-b" data-testid="trait-row">
      <td className="p-2 font-mono">{trait.sid}</td>
      <td className="p-2">{trait.name}</td>
      <td className="p-2 font-mono">{trait.rule}</td>
      <td className="p-2 text-right tabular-nums">{trait.profiles.toLocaleString("en-US")}</td>
      <td className="p-2">
        {canEdit ? (
        <div className="flex gap-3">
          <button type="button" className="text-sm text-brand-700 underline" onClick={() => setEditing(true)} aria-label={`Edit trait ${trait.sid}`}>
            Edit
          </button>
          <DeleteTraitButton dataSourceId={dataSourceId} id={trait.id} sid={trait.sid} />
        </div>
        ) : null}
      </td>
    </tr>
  );
}
