"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { acceptInvite } from "@/lib/server/auth/accept-invite";
import { clientKey, setSessionCookie } from "@/lib/server/auth/set-session-cookie";
import { acceptInviteSchema } from "@/lib/validation/auth";

export async function acceptInviteAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(acceptInviteSchema, Object.fromEntries(form), async (input) => {
    const session = await acceptInvite(input.token, input.password, (await clientKey()).userAgent);
    await setSessionCookie(session.token, session.expiresAt);
    return undefined;
  });
  if (result.ok) redirect("/");
  return result;
}
