import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/auth/current-user";
import { listUsers } from "@/lib/server/auth/list-users";
import { ROLE_LABELS } from "@/lib/validation/auth";
import { formatDateTime } from "@/components/format";
import { InviteForm } from "./invite-form";
import { UserAccessButton } from "./user-access-button";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser(["admin"]);
  const { users, partners } = await listUsers();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <InviteForm partners={partners} />
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Accounts</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-2">E-mail</th><th>Role</th><th>Partners</th><th>State</th><th>Sessions</th><th><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-slate-100">
              <td className="py-2">{u.email}{u.name ? <span className="text-slate-500"> · {u.name}</span> : null}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{u.role === "admin" ? <span className="text-slate-500">all</span> : u.partners.join(", ")}</td>
              <td>
                {u.disabledAt ? "Disabled" : u.active ? "Active" : u.inviteExpiresAt ? `Invited (link valid until ${formatDateTime(u.inviteExpiresAt)})` : "Invitation expired"}
              </td>
              <td>{u.sessions}</td>
              <td className="space-x-2 text-right">
                {u.sessions > 0 ? <UserAccessButton userId={u.id} op="sign-out" label="Sign out everywhere" /> : null}
                {u.id === me.id ? null : u.disabledAt ? <UserAccessButton userId={u.id} op="enable" label="Enable" /> : <UserAccessButton userId={u.id} op="disable" label="Disable" />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
