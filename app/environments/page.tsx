import type { Metadata } from "next";
import { listEnvironments } from "@/lib/server/environments/list-environments";
import { EnvironmentForm } from "./environment-form";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Environments" };
export const dynamic = "force-dynamic";

const KIND_LABEL = { production: "Production", beta: "Beta", sandbox: "Sandbox", custom: "Custom" } as const;

export default async function EnvironmentsPage() {
  await requirePageUser(["admin"]);
  const environments = await listEnvironments();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Environments</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Where submissions are delivered. AAM&apos;s production and beta buckets are preset: add the prefix and the credentials Adobe
        gave you. Secrets are encrypted at rest and never shown again. The local sandbox needs no set-up.
      </p>
      {environments.map((e) => (
        <section key={e.id} aria-label={e.name} className={`rounded-lg border bg-white p-4 ${e.kind === "production" ? "border-prod-600 border-2" : "border-slate-200"}`}>
          <h2 className="mb-3 flex items-center gap-2 font-semibold">
            {e.name}
            <span className={`rounded px-2 py-0.5 text-xs ${e.kind === "production" ? "bg-prod-600 text-white" : "bg-slate-100"}`}>{KIND_LABEL[e.kind]}</span>
            {e.missing.length ? <span className="text-xs font-normal text-amber-800">Not ready: add {e.missing.join(" and ")}.</span> : <span className="text-xs font-normal text-green-700">Ready</span>}
            {e.credential?.lastCheckedAt ? (
              <span className={`text-xs font-normal ${e.credential.lastCheckOk ? "text-green-700" : "text-red-700"}`}>
                Last check: {e.credential.lastCheckOk ? "passed" : "failed"}
              </span>
            ) : null}
          </h2>
          <EnvironmentForm environment={e} />
        </section>
      ))}
      <section aria-label="Add an environment" className="rounded-lg border border-dashed border-slate-300 bg-white p-4">
        <h2 className="mb-3 font-semibold">Add an environment</h2>
        <EnvironmentForm environment={null} />
      </section>
    </div>
  );
}
