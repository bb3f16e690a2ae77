// The SMTP transport, when SMTP_URL is configured; without it receipts stay in the app (design.md).
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/server/env";

const globalForMail = globalThis as unknown as { mailTransport?: { url: string; transport: Transporter } };

export function mailTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (globalForMail.mailTransport?.url !== url) {
    globalForMail.mailTransport = { url, transport: nodemailer.createTransport(url) };
  }
  return globalForMail.mailTransport.transport;
}
