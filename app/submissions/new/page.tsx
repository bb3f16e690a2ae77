import type { Metadata } from "next";
import { listDataSources } from "@/lib/server/data-sources/list-data-sources";
import { listEnvironments } from "@/lib/server/environments/list-environments";
import { listTemplates } from "@/lib/server/templates/list-templates";
import { NewSubmissionForm } from "./new-submission-form";
import { requirePageUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "New submission" };
export const dynamic = "force-dynamic";

export default async function NewSubmissionPage() {
  const user = await requirePageUser();
  const [sources, environments, templates] = await Promise.all([listDataSources(user), listEnvironments(), listTemplates(user)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New submission</h1>
      <NewSubmissionForm
        dataSources={sources.map(({ id, name, dpid, targetDpid, idType, partnerFolder }) => ({ id, name, dpid, targetDpid, idType, partnerFolder }))}
        environments={environments}
        templates={templates}
      />
    </div>
  );
}
