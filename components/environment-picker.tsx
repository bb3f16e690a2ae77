"use client";
// Where a submission goes. Production looks different on purpose (red border, label) and asks for the
// data source's name to be typed before it can be chosen for real; environments that are not ready say
// what is missing and cannot be picked.
export interface PickableEnvironment {
  id: string;
  name: string;
  kind: string;
  bucket: string;
  prefix: string;
  transport: string;
  missing: string[];
  /** Aimed at Adobe production even when its kind is custom (lib/aam/adobe-destinations). */
  guardedAsProduction?: boolean;
}

export function EnvironmentPicker({
  environments,
  value,
  onChange,
  dataSourceName,
  confirm,
  onConfirmChange,
}: {
  environments: PickableEnvironment[];
  value: string;
  onChange: (id: string) => void;
  dataSourceName: string;
  confirm: string;
  onConfirmChange: (text: string) => void;
}) {
  const selected = environments.find((e) => e.id === value);
  return (
    <fieldset className="space-y-2">
      <legend className="text-lg font-semibold">Send to</legend>
      <div className="flex flex-wrap gap-3">
        {environments.map((env) => {
          const production = env.kind === "production" || Boolean(env.guardedAsProduction);
          const ready = env.missing.length === 0;
          return (
            <label
              key={env.id}
              className={`rounded border px-3 py-2 text-sm ${production ? "border-2 border-prod-600" : "border-slate-300"} ${value === env.id ? "bg-brand-50" : "bg-white"} ${ready ? "" : "opacity-60"}`}
            >
              <input type="radio" name="environment" value={env.id} checked={value === env.id} disabled={!ready} onChange={() => onChange(env.id)} />{" "}
              {env.name}
              {production ? <span className="ml-1 rounded bg-prod-600 px-1 text-xs text-white">PRODUCTION</span> : null}{" "}
              <span className="text-xs text-slate-600">{env.transport === "s3" ? `${env.bucket}/${env.prefix}` : env.transport.toUpperCase()}</span>
              {!ready ? <span className="block text-xs text-amber-800">Not ready: add {env.missing.join(" and ")}.</span> : null}
            </label>
          );
        })}
      </div>
      {selected && (selected.kind === "production" || selected.guardedAsProduction) ? (
        <label className="block max-w-md text-sm font-medium text-prod-600">
          This goes to AAM production. Type <strong>{dataSourceName}</strong> to confirm.
          <input
            value={confirm}
            onChange={(e) => onConfirmChange(e.target.value)}
            aria-label="Confirm the data source name"
            className="mt-1 block w-full rounded border border-prod-600 px-2 py-1"
            autoComplete="off"
          />
        </label>
      ) : null}
    </fieldset>
  );
}

export function productionConfirmed(environments: PickableEnvironment[], id: string, dataSourceName: string, confirm: string): boolean {
  const e = environments.find((x) => x.id === id);
  return !e || (e.kind !== "production" && !e.guardedAsProduction) || confirm.trim() === dataSourceName;
}
