import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { ROLE_LABELS } from "@/lib/validation/auth";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <dl className="mt-3 grid max-w-xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">E-mail</dt>
          <dd>{user.email}</dd>
          <dt className="text-slate-500">Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          {user.role !== "admin" ? (
            <>
              <dt className="text-slate-500">Partners</dt>
              <dd>{user.partners.length ? user.partners.join(", ") : "None yet. Ask an admin."}</dd>
            </>
          ) : null}
        </dl>
      </div>
      <section aria-labelledby="password-heading" className="space-y-2">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <p className="max-w-xl text-sm text-slate-600">Your other sessions (other browsers and devices) are signed out when the password changes; this one stays signed in.</p>
        <ChangePasswordForm email={user.email} />
      </section>
    </div>
  );
}
