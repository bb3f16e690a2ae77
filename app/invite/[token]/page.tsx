import type { Metadata } from "next";
import { findInvite } from "@/lib/server/auth/accept-invite";
import { ROLE_LABELS } from "@/lib/validation/auth";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = /^[A-Za-z0-9_-]{43}$/.test(token) ? await findInvite(token) : null;
  if (!invite)
    return (
      <div className="mx-auto mt-12 max-w-md rounded-lg border border-amber-300 bg-amber-50 p-6">
        <h1 className="text-xl font-semibold">This invitation link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-700">It has expired, was already used, or was replaced by a newer one. Ask an admin to invite you again.</p>
      </div>
    );
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <h1 className="mb-1 text-2xl font-semibold">Welcome to AAM Onboard</h1>
      <p className="mb-6 text-sm text-slate-600">
        {invite.user.email} · {ROLE_LABELS[invite.user.role]}
        {invite.user.partners.length ? ` · ${invite.user.partners.join(", ")}` : ""}
      </p>
      <AcceptInviteForm token={token} email={invite.user.email} />
    </div>
  );
}
