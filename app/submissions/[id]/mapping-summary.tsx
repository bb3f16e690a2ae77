// The mapping used, readable: which column became what, plus the fixes that were replayed.
interface Role { role: string; key?: string; traitId?: string }

const ROLE_TEXT: Record<string, string> = {
  id: "User ID", kv: "Trait key", traitId: "Trait ID (d_sid)", removeTraitId: "Remove trait ID (d_unsid)",
  ic: "Integration code", traitFlag: "Yes/no for trait", ignore: "Ignored",
};

export function MappingSummary({ mapping, patches }: { mapping: unknown; patches: unknown }) {
  const m = mapping as { columns?: Role[]; delimiter?: string; encoding?: string };
  const fixes = Array.isArray(patches) ? patches.length : 0;
  return (
    <section aria-label="Mapping used" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Mapping used</h2>
      <ol className="mt-2 grid grid-cols-2 gap-1 text-sm md:grid-cols-4">
        {(m.columns ?? []).map((c, i) => (
          <li key={i} className={c.role === "ignore" ? "text-slate-500" : ""}>
            Column {i + 1}: {ROLE_TEXT[c.role] ?? c.role}
            {c.key ? <span className="font-mono"> {c.key}</span> : null}
            {c.traitId ? <span className="font-mono"> {c.traitId}</span> : null}
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-slate-500">
        {m.encoding ? `Read as ${m.encoding}. ` : ""}{m.delimiter ? `Delimiter ${JSON.stringify(m.delimiter)}. ` : ""}
        {fixes ? `${fixes} fix${fixes === 1 ? "" : "es"} replayed over the original.` : "No fixes."}
      </p>
    </section>
  );
}
