// Server actions are POST endpoints anyone can call with the action's ID, whatever the page shows, so
// each one must establish who is calling before it acts. This reads every "use server" file under app/
// and fails when an exported action's body does not start from the session (requireActionUser, or
// currentUser for sign-out), except the two that exist for people without one.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PUBLIC: Record<string, string> = {
  signInAction: "signs a visitor in",
  acceptInviteAction: "the invitation token is the credential",
};

function serverActionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return serverActionFiles(full);
    return /\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

/** Each exported function with its body, up to the next top-level export. */
function exportedActions(source: string): { name: string; body: string }[] {
  const parts = source.split(/^export async function /m).slice(1);
  return parts.map((p) => ({ name: p.slice(0, p.indexOf("(")), body: p.split(/^export /m)[0]! }));
}

describe("server actions", () => {
  const files = serverActionFiles(path.resolve("app"));

  it("are all found", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files.map((f) => [path.relative(process.cwd(), f)]))("%s checks the session in every action", (file) => {
    const actions = exportedActions(readFileSync(file, "utf8"));
    expect(actions.length).toBeGreaterThan(0);
    for (const { name, body } of actions) {
      if (PUBLIC[name]) continue;
      expect(/requireActionUser\(|currentUser\(\)/.test(body), `${file}: ${name} acts without checking the session`).toBe(true);
    }
  });
});
