"use client";
// One row per column: example values, the suggested role with its reason, the trait key, value maps for
// yes/no and code columns, and for personal data (e-mail, phone) the offer to send a SHA-256 of the
// normalised value instead, with the normalisation shown on the column's own first value.
import { useState } from "react";
import { normaliseEmail, normalisePhone, sanitiseKey } from "@/lib/crm/normalise";
import type { ColumnRole } from "@/lib/crm/mapping";
import type { ImportMapping } from "@/lib/crm/run-import";
import { sha256Hex } from "@/lib/crm/sha256";
import type { MappingSuggestion } from "@/lib/crm/suggest-mapping";
import { ValueMapEditor } from "./value-map-editor";

const ROLE_OPTIONS: { value: ColumnRole["role"]; label: string }[] = [
  { value: "ignore", label: "Ignore" },
  { value: "id", label: "User ID" },
  { value: "kv", label: "Trait (key = value)" },
  { value: "traitId", label: "Trait ID (d_sid)" },
  { value: "removeTraitId", label: "Remove trait ID (d_unsid)" },
  { value: "ic", label: "Integration code (ic)" },
  { value: "traitFlag", label: "Yes/No → one trait ID" },
];

export function roleLabel(role: ColumnRole): string {
  return role.role === "kv" ? `→ ${role.key}` : role.role === "ignore" ? "" : `→ ${ROLE_OPTIONS.find((o) => o.value === role.role)?.label ?? role.role}`;
}

export function MappingTable(p: {
  header: string[];
  sample: string[][];
  mapping: ImportMapping;
  suggestion: MappingSuggestion | null;
  onChange(mapping: ImportMapping): void;
  /** Send the column's SHA-256 instead of the raw value (as the ID, or as a trait). */
  onHash(column: number, kind: "email" | "phone", asId: boolean): void;
}) {
  const [openMaps, setOpenMaps] = useState<Set<number>>(new Set());
  const { mapping } = p;

  function setRole(i: number, role: ColumnRole["role"]) {
    const columns = mapping.columns.map((c, j): ColumnRole => {
      if (j !== i) return role === "id" && c.role === "id" ? { role: "ignore" } : c;
      if (role === "kv") return { role: "kv", key: sanitiseKey(p.header[i] ?? "", i) };
      if (role === "traitFlag") return { role: "traitFlag", traitId: "" };
      return { role } as ColumnRole;
    });
    p.onChange({ ...mapping, columns });
  }

  const setColumn = (i: number, col: ColumnRole) => p.onChange({ ...mapping, columns: mapping.columns.map((c, j) => (j === i ? col : c)) });

  return (
    <table className="w-full border-collapse bg-white text-sm" aria-label="Column mapping">
      <thead>
        <tr className="border-b text-left text-slate-500">
          <th scope="col" className="p-2">Column</th>
          <th scope="col" className="p-2">Example values</th>
          <th scope="col" className="p-2">Use as</th>
          <th scope="col" className="p-2">Trait key / ID</th>
        </tr>
      </thead>
      <tbody>
        {p.header.map((name, i) => {
          const col = mapping.columns[i] ?? { role: "ignore" };
          const examples = p.sample.map((r) => r[i] ?? "").filter((v) => v !== "");
          const pii = p.suggestion?.pii.find((x) => x.column === i);
          const reason = p.suggestion?.reasons[i];
          return (
            <tr key={i} className="border-b align-top">
              <th scope="row" className="p-2 text-left font-medium">
                {name}
                {reason ? <p className="mt-1 text-xs font-normal text-slate-500">{reason}</p> : null}
              </th>
              <td className="max-w-64 p-2 font-mono text-xs text-slate-600">
                {examples.slice(0, 3).join(" · ")}
                {pii ? <PiiOffer kind={pii.kind} example={examples[0] ?? ""} name={name} onHash={(asId) => p.onHash(i, pii.kind, asId)} /> : null}
              </td>
              <td className="p-2">
                <select aria-label={`Use column ${name} as`} value={col.role} onChange={(e) => setRole(i, e.target.value as ColumnRole["role"])} className="rounded border border-slate-300 px-2 py-1">
                  {ROLE_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>{o.label}</option>
                  ))}
                </select>
                {col.role === "kv" || col.role === "traitId" || col.role === "removeTraitId" ? (
                  <button
                    type="button"
                    aria-expanded={openMaps.has(i)}
                    onClick={() => setOpenMaps((s) => (s.has(i) ? new Set([...s].filter((x) => x !== i)) : new Set(s).add(i)))}
                    className="ml-2 text-xs text-brand-700 underline"
                  >
                    Map values{mapping.valueMaps?.[i] ? " (on)" : ""}
                  </button>
                ) : null}
                {openMaps.has(i) ? <ValueMapEditor name={name} values={examples} map={mapping.valueMaps?.[i]} onChange={(m) => p.onChange(withValueMap(mapping, i, m))} /> : null}
              </td>
              <td className="p-2">
                {col.role === "kv" ? (
                  <input aria-label={`Trait key for column ${name}`} value={col.key} onChange={(e) => setColumn(i, { role: "kv", key: e.target.value })} className="w-40 rounded border border-slate-300 px-2 py-1 font-mono" />
                ) : col.role === "traitFlag" ? (
                  <input aria-label={`Trait ID for yes in column ${name}`} inputMode="numeric" value={col.traitId} onChange={(e) => setColumn(i, { role: "traitFlag", traitId: e.target.value.trim() })} className="w-32 rounded border border-slate-300 px-2 py-1 font-mono" />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function withValueMap(m: ImportMapping, column: number, map: Record<string, string | null> | null): ImportMapping {
  const valueMaps = { ...(m.valueMaps ?? {}) };
  if (map) valueMaps[column] = map;
  else delete valueMaps[column];
  const next: ImportMapping = { ...m, valueMaps };
  if (Object.keys(valueMaps).length === 0) delete next.valueMaps;
  return next;
}

function PiiOffer({ kind, example, name, onHash }: { kind: "email" | "phone"; example: string; name: string; onHash(asId: boolean): void }) {
  const normalised = kind === "email" ? normaliseEmail(example) : normalisePhone(example);
  return (
    <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 font-sans text-amber-900" role="note">
      <p>
        {kind === "email" ? "E-mail addresses" : "Phone numbers"} are personal data: never a user ID, never sent raw. Send the SHA-256 of the normalised value
        instead ({kind === "email" ? "trimmed, lower-cased" : "digits, with a leading + for international numbers"}).
      </p>
      {example ? (
        <p className="mt-1 font-mono text-xs break-all" data-testid="hash-example">
          {JSON.stringify(example)} → {JSON.stringify(normalised)} → {sha256Hex(normalised)}
        </p>
      ) : null}
      <div className="mt-1 flex flex-wrap gap-2">
        <button type="button" onClick={() => onHash(true)} className="rounded border border-amber-600 px-2 py-0.5 text-xs">
          Use the hash of {name} as the user ID
        </button>
        <button type="button" onClick={() => onHash(false)} className="rounded border border-amber-600 px-2 py-0.5 text-xs">
          Send the hash as a trait
        </button>
      </div>
    </div>
  );
}
