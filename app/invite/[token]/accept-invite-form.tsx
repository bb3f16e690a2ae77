"use client";
import { useActionState } from "react";
import { acceptInviteAction } from "./actions";

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";

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
        <label key={f.name} className="block text-sm font-medium">
          {f.label}
          <input name={f.name} type="password" autoComplete="new-password" required minLength={12} className={field} aria-invalid={Boolean(err(f.name))} aria-describedby={`${f.name}-err`} />
          <span id={`${f.name}-err`} className="text-xs text-red-700">{err(f.name)}</span>
        </label>
      ))}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Saving…" : "Set password and sign in"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-700">{state && !state.ok ? state.message : null}</p>
    </form>
  );
}
