"use client";
import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { acceptInviteAction } from "./actions";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInviteAction, null);
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} aria-label="Set your password" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      {[
        { name: "password", label: "New password (at least 12 characters)" },
        { name: "confirm", label: "The same password again" },
      ].map((f) => (
        <FormField key={f.name} labelClassName="block text-sm font-medium" label={f.label} name={f.name} error={err(f.name)} type="password" autoComplete="new-password" required minLength={12} />
      ))}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Saving…" : "Set password and sign in"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-700">{state && !state.ok ? state.message : null}</p>
    </form>
  );
}
