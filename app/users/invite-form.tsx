"use client";
import { useActionState, useState } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/validation/auth";
import { FIELD_INPUT_CLASS as field, FormField } from "@/components/form-field";
import { inviteUserAction } from "./actions";

export function InviteForm({ partners }: { partners: string[] }) {
  const [state, action, pending] = useActionState(inviteUserAction, null);
  const [role, setRole] = useState<Role>("marketer");
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} aria-label="Invite a user" className="grid max-w-3xl grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormField label="E-mail" name="email" errorId="invite-email-err" error={err("email")} type="email" required />
      <label className="text-sm font-medium">
        Name (optional)
        <input name="name" className={field} />
      </label>
      <label className="text-sm font-medium">
        Role
        <select name="role" className={field} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{ROLE_LABELS[r]}</option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        {role === "marketer" ? "Partner" : "Partners (comma-separated)"}
        <input name="partners" list="known-partners" disabled={role === "admin"} placeholder={role === "admin" ? "Admins see every partner" : partners[0] ?? "acme"} className={field} aria-invalid={Boolean(err("partners"))} aria-describedby="invite-partners-err" />
        <datalist id="known-partners">
          {partners.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <span id="invite-partners-err" className="text-xs text-red-700">{err("partners") ?? err("partners.0")}</span>
      </label>
      <div className="col-span-2 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Inviting…" : "Invite"}
        </button>
        <p role="status" className={`text-sm ${state?.ok ? "text-green-700" : "text-red-700"}`}>
          {state ? (state.ok ? (state.data.emailed ? "Invitation sent. The link is also below." : "Invitation created. Send this link to them:") : state.message) : null}
        </p>
        {state?.ok ? (
          <input readOnly aria-label="Invitation link" value={state.data.link} onFocus={(e) => e.currentTarget.select()} className={`${field} col-span-2 font-mono`} />
        ) : null}
      </div>
    </form>
  );
}
