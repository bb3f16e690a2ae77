"use client";
import { useActionState } from "react";
import { userAccessAction } from "./actions";

export function UserAccessButton({ userId, op, label }: { userId: string; op: "disable" | "enable" | "sign-out"; label: string }) {
  const [state, action, pending] = useActionState(userAccessAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="op" value={op} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50">
        {label}
      </button>
      {state && !state.ok ? <span role="alert" className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
