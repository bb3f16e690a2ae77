"use client";
import { useActionState, useState } from "react";
import { signInAction } from "./actions";

const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  // Controlled, because React resets a form's uncontrolled fields after its action: a wrong password
  // should not also cost the user their e-mail.
  const [email, setEmail] = useState("");
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} aria-label="Sign in" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm font-medium">
        E-mail
        <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required autoFocus className={field} aria-invalid={Boolean(err("email"))} aria-describedby="email-err" />
        <span id="email-err" className="text-xs text-red-700">{err("email")}</span>
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={field} aria-invalid={Boolean(err("password"))} aria-describedby="password-err" />
        <span id="password-err" className="text-xs text-red-700">{err("password")}</span>
      </label>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-700">{state && !state.ok ? state.message : null}</p>
    </form>
  );
}
