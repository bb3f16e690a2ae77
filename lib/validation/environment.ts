// Environment settings as the admin edits them; shared by the form and the server action.
import { z } from "./zod";
import { credentialSecretSchema } from "@/lib/validation/credential";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const bucketSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "Use the bucket name exactly as given (3-63 lower-case letters, digits, dots, dashes)");
export const prefixSchema = z
  .string()
  .trim()
  .regex(/^$|^[A-Za-z0-9._=-]+(\/[A-Za-z0-9._=-]+)*$/, "A prefix is folder names separated by /, without leading or trailing slashes")
  .refine((p) => !p.split("/").includes(".."), "A prefix cannot contain ..");

export const environmentInputSchema = z
  .object({
    id: z.preprocess(emptyToUndefined, z.uuid().optional()),
    name: z.string().trim().min(1, "Give the environment a name").max(100),
    kind: z.enum(["production", "beta", "sandbox", "custom"]),
    transport: z.enum(["s3", "sftp", "ftp"]),
    bucket: z.preprocess(emptyToUndefined, bucketSchema.optional()),
    prefix: prefixSchema.default(""),
    region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "A region looks like us-east-1").default("us-east-1"),
    endpoint: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    host: z.preprocess(emptyToUndefined, z.string().trim().regex(/^[A-Za-z0-9.-]{1,253}$/, "Enter a host name").optional()),
    port: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
    username: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
    remoteDir: z.preprocess(emptyToUndefined, z.string().trim().regex(/^[A-Za-z0-9._\/-]{1,200}$/).refine((d) => !d.split("/").includes("..")).optional()),
    maxUploadGb: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(100).optional()),
    // Leaving the secret empty keeps the stored one.
    credential: credentialSecretSchema.optional(),
  })
  .refine((e) => e.transport !== "s3" || e.bucket, { message: "An S3 environment needs a bucket", path: ["bucket"] })
  .refine((e) => e.transport === "s3" || (e.host && e.username), { message: "An SFTP or FTP environment needs a host and a user", path: ["host"] });

export type EnvironmentInput = z.infer<typeof environmentInputSchema>;
