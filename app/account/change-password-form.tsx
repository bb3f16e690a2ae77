"use client";
import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { changePasswordAction } from "./actions";

const FIELDS = [
  { name: "current", label: "Current password", autoComplete: "current-password", minLength: 1 },
  { name: "password", label: "New password (at least 12 characters)", autoComplete: "new-password", minLength: 12 },
  { name: "confirm", label: "The new password again", autoComplete: "new-password", minLength: 12 },
] as const;

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  // React resets this uncontrolled form after every submission, so no password stays in the fields.
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} aria-label="Change password" className="max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      {FIELDS.map((f) => (
        <FormField key={f.name} labelClassName="block text-sm font-medium" label={f.label} name={f.name} error={err(f.name)} type="password" autoComplete={f.autoComplete} required minLength={f.minLength} maxLength={256} />
      ))}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Changing…" : "Change password"}
      </button>
      <p role="status" className="min-h-5 text-sm">
        {state?.ok ? (
          <span className="text-green-800">
            Password changed.{" "}
            {state.data.endedSessions > 0 ? `Your ${state.data.endedSessions} other session${state.data.endedSessions > 1 ? "s were" : " was"} signed out.` : "You had no other sessions."}
          </span>
        ) : state ? (
          <span className="text-red-700">{state.message}</span>
        ) : null}
      </p>
    </form>
  );
}
