"use client";
// "Process now" for one environment. The server action is passed in (app/processing/actions.ts), so any
// page listing environments can render the button.
import { useActionState } from "react";
import type { ActionResult } from "@/lib/server/actions/action-result";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ProcessNowButton({ environmentId, environmentName, action }: { environmentId: string; environmentName: string; action: Action }) {
  const [state, run, pending] = useActionState(action, null);
  return (
    <form action={run} className="flex items-center gap-2">
      <input type="hidden" name="environmentId" value={environmentId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Process now: ${environmentName}`}
        className="rounded bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-50"
      >
        {pending ? "Queuing…" : "Process now"}
      </button>
      <span role="status" className={`text-xs ${state?.ok ? "text-green-700" : "text-red-700"}`}>
        {state ? (state.ok ? "Queued; the receipt follows in seconds." : state.message) : null}
      </span>
    </form>
  );
}
