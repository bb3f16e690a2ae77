// rowToRecord, compiled once per mapping for the million-row passes: the ID column, the signal columns
// with their split separators and value maps are looked up once, not per row and cell. It must build
// exactly the records rowToRecord builds (tests/unit/crm/compiled-mapping.test.ts compares them).
import type { AamRecord, Signal } from "./aam-types";
import { SIGNAL_ROLES, toSignal, type ColumnRole, type Mapping } from "./mapping";

export type RecordBuilder = (fields: readonly string[]) => AamRecord | null;

interface Step {
  column: number;
  role: ColumnRole;
  split: string | undefined;
  map: Record<string, string | null> | undefined;
}

export function compileMapping(mapping: Mapping): RecordBuilder {
  const idColumn = mapping.columns.findIndex((c) => c.role === "id");
  if (idColumn < 0) return () => null;
  const steps: Step[] = [];
  mapping.columns.forEach((role, column) => {
    if (SIGNAL_ROLES.has(role.role)) steps.push({ column, role, split: mapping.splitMultiValues?.[column], map: mapping.valueMaps?.[column] });
  });
  function emit(step: Step, piece: string, out: Signal[]): void {
    let value: string | null = piece;
    const map = step.map;
    if (map) {
      if (Object.hasOwn(map, piece)) value = map[piece] ?? null;
      else {
        const trimmed = piece.trim();
        if (Object.hasOwn(map, trimmed)) value = map[trimmed] ?? null;
      }
    }
    if (value === null || value.trim() === "") return;
    const signal = toSignal(step.role, value);
    if (signal) out.push(signal);
  }
  return (fields) => {
    const signals: Signal[] = [];
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k]!;
      const raw = fields[step.column] ?? "";
      if (raw === "") continue;
      if (step.split) for (const piece of raw.split(step.split)) emit(step, piece.trim(), signals);
      else emit(step, raw, signals);
    }
    return { id: fields[idColumn] ?? "", signals };
  };
}
