import "server-only";
import { audit } from "@/lib/server/audit";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { endAllSessions } from "./sessions";

/** Disabling ends every session of the account at once; enabling lets it sign in again. */
export async function setUserDisabled(userId: string, disabled: boolean, admin: { id: string; email: string }): Promise<void> {
  if (userId === admin.id && disabled) throw new SafeError("You cannot disable your own account.", 400);
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
  if (count === 0) throw new SafeError("That user was not found.", 404);
  if (disabled) await endAllSessions(userId);
  await audit(admin.email, disabled ? "user.disable" : "user.enable", "User", userId);
}
