// The secret shapes an environment can hold; shared by the form and the server. The server encrypts
// the parsed value and never returns it.
import { z } from "./zod";

export const accessKeysSchema = z.object({
  kind: z.literal("access_keys"),
  accessKeyId: z.string().trim().regex(/^[A-Z0-9]{16,128}$/, "An access key ID is 16-128 upper-case letters and digits"),
  secretAccessKey: z.string().trim().min(16, "The secret access key looks too short").max(256),
});

export const assumeRoleSchema = z.object({
  kind: z.literal("assume_role"),
  roleArn: z.string().trim().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, "Enter the role ARN Adobe gave you (arn:aws:iam::<account>:role/<name>)"),
  externalId: z.string().trim().max(1224).optional(),
});

export const sftpPasswordSchema = z.object({
  kind: z.literal("sftp_password"),
  password: z.string().min(1, "Enter the password").max(1024),
});

export const sftpKeySchema = z.object({
  kind: z.literal("sftp_key"),
  privateKey: z.string().trim().regex(/^-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----$/, "Paste the whole OpenSSH private key, including its BEGIN and END lines"),
  passphrase: z.string().max(1024).optional(),
});

export const credentialSecretSchema = z.discriminatedUnion("kind", [accessKeysSchema, assumeRoleSchema, sftpPasswordSchema, sftpKeySchema]);

export type CredentialSecret = z.infer<typeof credentialSecretSchema>;
