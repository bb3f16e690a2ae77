import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { ROLE_LABELS } from "@/lib/validation/auth";

export const metadata: Metadata = { title: "No access" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const user = await requirePageUser();
  const from = (await searchParams).from;
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-amber-300 bg-amber-50 p-6">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-700">
        {typeof from === "string" ? <code className="rounded bg-white px-1">{from.slice(0, 200)}</code> : "That page"} is not open to your role
        ({ROLE_LABELS[user.role]}). If you need it, ask an admin.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">Back to the dashboard</Link>
    </div>
  );
}
