// The saved allow-list as the server has it (normalised), for everyone who can see the data source.
export function RedirectHostsList({ hosts }: { hosts: string[] }) {
  if (hosts.length === 0) return <p className="text-sm text-slate-600">No redirect hosts: /ibs never redirects for this data source.</p>;
  return (
    <div className="text-sm text-slate-600">
      /ibs redirects only to:
      <ul aria-label="Redirect hosts in use" className="mt-1 flex flex-wrap gap-1.5">
        {hosts.map((h) => (
          <li key={h} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{h}</li>
        ))}
      </ul>
    </div>
  );
}
