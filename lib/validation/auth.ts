// Shared by the sign-in, invite and accept-invite forms and their server actions.
import { z } from "./zod";

export const ROLES = ["admin", "psm", "marketer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  psm: "Partner solutions manager",
  marketer: "Marketer",
};

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Enter an e-mail address such as ana@example.com."));

// Long passphrases are welcome; the cap only bounds the hashing work an attacker can ask for.
export const newPasswordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(256, "Use at most 256 characters.");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(256, "Use at most 256 characters."),
  next: z.string().max(2000).optional(),
});

/** A partner is a data source's partner folder name (letters, digits, dot, dash, underscore). */
const partnerSchema = z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}$/, "Partner names are folder names: letters, digits, dot, dash, underscore.");

export const inviteSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().max(200).default(""),
    role: z.enum(ROLES),
    partners: z.array(partnerSchema).max(500).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.role === "marketer" && v.partners.length !== 1)
      ctx.addIssue({ code: "custom", path: ["partners"], message: "A marketer belongs to exactly one partner." });
    if (v.role === "psm" && v.partners.length === 0)
      ctx.addIssue({ code: "custom", path: ["partners"], message: "Assign at least one partner." });
  });
export type InviteInput = z.infer<typeof inviteSchema>;

export const acceptInviteSchema = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is not valid."), password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(256, "Use at most 256 characters."),
    password: newPasswordSchema,
    confirm: z.string().max(256),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "Choose a password different from the current one." });

/** Where to go after signing in: only a local path, so the form cannot become an open redirect. */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
