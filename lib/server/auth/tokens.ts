import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: the secret in a session cookie or an invitation link. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored, so reading the database does not hand out live sessions or invitations. */
export function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
