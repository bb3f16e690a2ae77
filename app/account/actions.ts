"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { audit } from "@/lib/server/audit";
import { changePassword } from "@/lib/server/auth/change-password";
import { currentUser, requireActionUser, SESSION_COOKIE } from "@/lib/server/auth/current-user";
import { clearSessionCookie } from "@/lib/server/auth/set-session-cookie";
import { endAllSessions, endSession } from "@/lib/server/auth/sessions";
import { changePasswordSchema } from "@/lib/validation/auth";

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (token) await endSession(token);
  if (user) await audit(user.email, "auth.sign_out", "User", user.id);
  await clearSessionCookie();
  redirect("/sign-in");
}

export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (user) {
    const count = await endAllSessions(user.id);
    await audit(user.email, "auth.sign_out_everywhere", "User", user.id, { sessions: count });
  }
  await clearSessionCookie();
  redirect("/sign-in");
}

/** Any signed-in user, for their own account only (the user comes from the session, never from the form). */
export async function changePasswordAction(_prev: ActionResult<{ endedSessions: number }> | null, form: FormData): Promise<ActionResult<{ endedSessions: number }>> {
  const user = await requireActionUser();
  return runAction(changePasswordSchema, Object.fromEntries(form), (input) => changePassword(user, input.current, input.password));
}
