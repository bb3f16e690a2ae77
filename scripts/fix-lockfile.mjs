// The npm registry reachable here does not serve some other platforms' optional binaries (for example
// @next/swc-darwin-arm64), so `npm install` leaves them out of package-lock.json while their parents still
// list them, and `npm ci` then refuses the lock as "out of sync". This adds the missing entries with the
// os/cpu their names state, exactly as a full lock records them; npm ci skips them on other platforms.
// Run after any `npm install` that changes the lock: `node scripts/fix-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const OS = { darwin: "darwin", win32: "win32", linux: "linux", android: "android", freebsd: "freebsd" };
const CPU = { arm64: "arm64", x64: "x64", arm: "arm", ia32: "ia32", wasm32: "wasm32" };

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => p in OS);
  const cpu = parts.find((p) => p in CPU);
  return { ...(os ? { os: [OS[os]] } : {}), ...(cpu ? { cpu: [CPU[cpu]] } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    const nested = `${path}/node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[nested]) continue;
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) continue; // not a platform binary: leave it to npm
    lock.packages[key] = { version: range.replace(/^[\^~=]/, ""), ...platform, optional: true };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)));
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`fix-lockfile: added ${added} platform entries`);
