"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { originSettings } from "@/lib/server/auth/origin-settings";
import { publicOrigin } from "@/lib/server/auth/same-origin";
import { inviteUser } from "@/lib/server/auth/invite-user";
import { setUserDisabled } from "@/lib/server/auth/set-user-disabled";
import { endAllSessions } from "@/lib/server/auth/sessions";
import { audit } from "@/lib/server/audit";
import { inviteSchema } from "@/lib/validation/auth";

export async function inviteUserAction(_prev: ActionResult<{ link: string; emailed: boolean }> | null, form: FormData): Promise<ActionResult<{ link: string; emailed: boolean }>> {
  const partners = String(form.get("partners") ?? "").split(/[\s,]+/).filter(Boolean);
  const input = { email: form.get("email"), name: form.get("name") ?? "", role: form.get("role"), partners };
  const result = await runAction(inviteSchema, input, async (data) => {
    const admin = await requireActionUser(["admin"]);
    const h = await headers();
    return inviteUser(data, admin.email, publicOrigin(h, originSettings()) ?? "http://localhost");
  });
  if (result.ok) revalidatePath("/users");
  return result;
}

const accessSchema = z.object({ userId: z.uuid(), op: z.enum(["disable", "enable", "sign-out"]) });

export async function userAccessAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(accessSchema, Object.fromEntries(form), async ({ userId, op }) => {
    const admin = await requireActionUser(["admin"]);
    if (op === "sign-out") {
      const sessions = await endAllSessions(userId);
      await audit(admin.email, "user.sign_out_everywhere", "User", userId, { sessions });
    } else await setUserDisabled(userId, op === "disable", admin);
    return undefined;
  });
  if (result.ok) revalidatePath("/users");
  return result;
}
