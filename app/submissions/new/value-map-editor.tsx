"use client";
// Value maps: per distinct value of a column, what is sent instead ("Y" -> "true") or nothing at all
// ("N" -> no signal). The distinct values come from the sample rows the worker posted.
export function ValueMapEditor({ name, values, map, onChange }: { name: string; values: string[]; map: Record<string, string | null> | undefined; onChange(map: Record<string, string | null> | null): void }) {
  const distinct = [...new Set(values.map((v) => v.trim()))].slice(0, 20);
  const current = map ?? {};
  function set(value: string, to: string | null) {
    const next = { ...current, [value]: to };
    // Identity entries carry no information; an empty map means "no value map".
    for (const [k, v] of Object.entries(next)) if (v === k) delete next[k];
    onChange(Object.keys(next).length ? next : null);
  }
  return (
    <fieldset className="mt-2 rounded border border-slate-200 p-2 text-xs">
      <legend className="px-1 font-medium">Values of {name}</legend>
      {distinct.length === 0 ? <p className="text-slate-500">No values in the sample rows.</p> : null}
      <ul className="space-y-1">
        {distinct.map((v) => {
          const mapped = Object.hasOwn(current, v) ? current[v]! : v;
          return (
            <li key={v} className="flex items-center gap-2">
              <span className="w-24 truncate font-mono" title={v}>{v}</span>
              <span aria-hidden="true">→</span>
              <input
                aria-label={`Value ${v} of ${name} is sent as`}
                value={mapped ?? ""}
                disabled={mapped === null}
                onChange={(e) => set(v, e.target.value)}
                className="w-28 rounded border border-slate-300 px-1 py-0.5 font-mono disabled:bg-slate-100"
              />
              <label className="flex items-center gap-1">
                <input type="checkbox" checked={mapped === null} onChange={(e) => set(v, e.target.checked ? null : v)} />
                send nothing
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
