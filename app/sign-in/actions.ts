"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { signIn } from "@/lib/server/auth/sign-in";
import { clientKey, setSessionCookie } from "@/lib/server/auth/set-session-cookie";
import { safeNextPath, signInSchema } from "@/lib/validation/auth";

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let next = "/";
  const result = await runAction(signInSchema, Object.fromEntries(form), async (input) => {
    const session = await signIn(input.email, input.password, await clientKey());
    await setSessionCookie(session.token, session.expiresAt);
    next = safeNextPath(input.next);
    return undefined;
  });
  // redirect() throws; it must run outside runAction, which would report it as an error.
  if (result.ok) redirect(next);
  return result;
}
