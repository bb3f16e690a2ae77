"use client";
import { useState, useTransition } from "react";
import type { EnvironmentView } from "@/lib/server/environments/list-environments";
import { FormField } from "@/components/form-field";
import { checkConnectionAction, saveEnvironmentAction } from "./actions";

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";
type SecretKind = "" | "access_keys" | "assume_role" | "sftp_password" | "sftp_key";

export function EnvironmentForm({ environment }: { environment: EnvironmentView | null }) {
  const e = environment;
  const aam = e?.kind === "production" || e?.kind === "beta";
  const [transport, setTransport] = useState<"s3" | "sftp" | "ftp">(e?.transport ?? "s3");
  const [secretKind, setSecretKind] = useState<SecretKind>("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();
  const id = e?.id ?? "new";
  const err = (k: string) => errors[k]?.[0];

  function onSubmit(form: FormData) {
    const v = Object.fromEntries(form) as Record<string, string>;
    const credential =
      secretKind === "access_keys" ? { kind: secretKind, accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey }
      : secretKind === "assume_role" ? { kind: secretKind, roleArn: v.roleArn, externalId: v.externalId || undefined }
      : secretKind === "sftp_password" ? { kind: secretKind, password: v.password }
      : secretKind === "sftp_key" ? { kind: secretKind, privateKey: v.privateKey, passphrase: v.passphrase || undefined }
      : undefined;
    start(async () => {
      const r = await saveEnvironmentAction({ ...v, id: e?.id, kind: e?.kind ?? v.kind, transport, credential });
      setErrors(r.ok ? {} : (r.fieldErrors ?? {}));
      setMessage(r.ok ? { ok: true, text: "Saved." } : { ok: false, text: r.message });
    });
  }

  function onCheck() {
    if (!e) return;
    start(async () => {
      const r = await checkConnectionAction(e.id);
      setMessage(r.ok ? { ok: r.data.ok, text: r.data.reason } : { ok: false, text: r.message });
    });
  }

  const field = (name: string, label: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <FormField label={label} name={name} errorId={`${id}-${name}-err`} error={err(name)} className={input} {...extra} />
  );

  return (
    <form action={onSubmit} aria-label={e ? `Settings of ${e.name}` : "New environment"} className="grid grid-cols-3 gap-3">
      {field("name", "Name", { defaultValue: e?.name ?? "", readOnly: aam })}
      {!e ? (
        <label className="text-sm font-medium">
          Kind
          <select name="kind" className={input} defaultValue="custom">
            <option value="custom">Custom S3 or SFTP</option>
            <option value="sandbox">Sandbox</option>
          </select>
        </label>
      ) : null}
      <fieldset className="text-sm">
        <legend className="font-medium">Transport</legend>
        <label className="mr-3"><input type="radio" checked={transport === "s3"} onChange={() => setTransport("s3")} disabled={aam} /> S3</label>
        <label className="mr-3"><input type="radio" checked={transport === "sftp"} onChange={() => setTransport("sftp")} disabled={aam} /> SFTP</label>
        <label><input type="radio" checked={transport === "ftp"} onChange={() => setTransport("ftp")} disabled={aam} /> FTP</label>
      </fieldset>
      {transport === "s3" ? (
        <>
          {field("bucket", "Bucket", { defaultValue: e?.bucket ?? "", readOnly: aam })}
          {field("prefix", "Prefix (from Adobe)", { defaultValue: e?.prefix ?? "", placeholder: "e.g. 1234567/acme" })}
          {field("region", "Region", { defaultValue: e?.region ?? "us-east-1" })}
          {aam ? null : field("endpoint", "Endpoint (S3-compatible, optional)", { defaultValue: e?.endpoint ?? "", placeholder: "https://…" })}
        </>
      ) : (
        <>
          {field("host", "Host", { defaultValue: e?.host ?? "", placeholder: "ftp-in-gtw.demdex.com" })}
          {field("port", "Port", { defaultValue: e?.port ?? (transport === "ftp" ? 21 : 22), inputMode: "numeric" })}
          {field("username", "User", { defaultValue: e?.username ?? "" })}
          {field("remoteDir", "Remote folder", { defaultValue: e?.remoteDir ?? "" })}
        </>
      )}
      {field("maxUploadGb", "Largest upload (GB, optional)", { defaultValue: e?.maxUploadGb ?? "", inputMode: "decimal" })}
      <div className="col-span-3 rounded border border-slate-200 p-3">
        <p className="text-sm">
          Credentials: {e?.credential ? <span>stored ({e.credential.hint}); enter new ones to replace them.</span> : <span>none stored.</span>}
        </p>
        <label className="mt-2 block text-sm font-medium">
          Set credentials
          <select className={input} value={secretKind} onChange={(ev) => setSecretKind(ev.target.value as SecretKind)} aria-label="Credential type">
            <option value="">Keep as is</option>
            {transport === "s3" ? (
              <>
                <option value="access_keys">Access key and secret</option>
                <option value="assume_role">Assume a role (cross-account)</option>
              </>
            ) : (
              <>
                <option value="sftp_password">Password</option>
                {transport === "sftp" ? <option value="sftp_key">OpenSSH private key</option> : null}
              </>
            )}
          </select>
        </label>
        <div className="mt-2 grid grid-cols-2 gap-3">
          {secretKind === "access_keys" ? (<>{field("accessKeyId", "Access key ID", { autoComplete: "off" })}{field("secretAccessKey", "Secret access key", { type: "password", autoComplete: "new-password" })}</>) : null}
          {secretKind === "assume_role" ? (<>{field("roleArn", "Role ARN")}{field("externalId", "External ID (optional)")}</>) : null}
          {secretKind === "sftp_password" ? field("password", "Password", { type: "password", autoComplete: "new-password" }) : null}
          {secretKind === "sftp_key" ? (
            <>
              <label className="col-span-2 text-sm font-medium">Private key<textarea name="privateKey" rows={4} className={`${input} font-mono`} autoComplete="off" /></label>
              {field("passphrase", "Passphrase (optional)", { type: "password", autoComplete: "new-password" })}
            </>
          ) : null}
        </div>
      </div>
      <div className="col-span-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">Save</button>
        {e ? <button type="button" onClick={onCheck} disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm">Check connection</button> : null}
        <p role="status" className={`text-sm ${message?.ok ? "text-green-700" : "text-red-700"}`}>{pending ? "Working…" : message?.text}</p>
      </div>
    </form>
  );
}
