"use client";
import { useActionState, useState } from "react";
import { FormField } from "@/components/form-field";
import { signInAction } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  // Controlled, because React resets a form's uncontrolled fields after its action: a wrong password
  // should not also cost the user their e-mail.
  const [email, setEmail] = useState("");
  const err = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} aria-label="Sign in" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <input type="hidden" name="next" value={next} />
      <FormField labelClassName="block text-sm font-medium" label="E-mail" name="email" error={err("email")} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required autoFocus />
      <FormField labelClassName="block text-sm font-medium" label="Password" name="password" error={err("password")} type="password" autoComplete="current-password" required />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p role="alert" className="min-h-5 text-sm text-red-700">{state && !state.ok ? state.message : null}</p>
    </form>
  );
}
