"use client";
import { useActionState, useState } from "react";
import { MAX_REDIRECT_HOSTS } from "@/lib/validation/redirect-hosts";
import { saveRedirectHostsAction } from "./actions";
import { RedirectHostsList } from "./redirect-hosts-list";

// Controlled, so a refused list stays in the box to be corrected (a form action resets uncontrolled fields).
export function RedirectHostsForm({ id, redirectHosts }: { id: string; redirectHosts: string[] }) {
  const [state, action, pending] = useActionState(saveRedirectHostsAction, null);
  const [text, setText] = useState(redirectHosts.join("\n"));
  const errors = state && !state.ok ? (state.fieldErrors?.redirectHosts ?? []) : [];
  return (
    <form action={action} className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Redirect hosts">
      <input type="hidden" name="id" value={id} />
      <RedirectHostsList hosts={redirectHosts} />
      <label className="block text-sm font-medium">
        Allowed redirect hosts
        <textarea
          name="redirectHosts"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          autoCapitalize="none"
          placeholder={"partner.example.com\n*.sync.example.com"}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-sm"
          aria-invalid={errors.length > 0}
          aria-describedby="redirectHosts-help redirectHosts-err"
        />
      </label>
      <ul id="redirectHosts-err" className="space-y-0.5 text-xs text-red-700">
        {errors.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <p id="redirectHosts-help" className="text-xs text-slate-500">
        One host per line, at most {MAX_REDIRECT_HOSTS}: the name only, no https:// or path. <code>*.example.com</code> allows every
        subdomain of example.com but not example.com itself. Ports are not checked. A <code>redir</code> to any other host gets the
        1x1 pixel instead of a redirect; the ID sync is recorded either way.
      </p>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {pending ? "Saving…" : "Save redirect hosts"}
        </button>
        <p role="status" className={`text-sm ${state?.ok ? "text-green-700" : "text-red-700"}`}>{state ? (state.ok ? "Saved." : state.message) : null}</p>
      </div>
    </form>
  );
}
