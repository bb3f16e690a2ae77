import { formatBytes, formatDateTime } from "@/components/format";
import type { SubmissionDetail } from "@/lib/server/submissions/get-submission";

export function SubmissionFiles({ s }: { s: SubmissionDetail }) {
  const where = s.environment.transport === "sftp" ? `sftp://${s.environment.host}` : s.environment.bucket;
  return (
    <section aria-label="Delivered files" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Delivered files</h2>
      {s.files.length === 0 ? (
        <p className="text-sm text-slate-500">No files delivered yet.</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="p-1">File</th><th className="p-1">Object key</th><th className="p-1 text-right">Records</th>
              <th className="p-1 text-right">Size</th><th className="p-1">SHA-256 / ETag</th><th className="p-1">Delivered</th><th className="p-1"></th>
            </tr>
          </thead>
          <tbody>
            {s.files.map((f) => (
              <tr key={f.id} className="border-t align-top">
                <td className="p-1 font-mono" data-testid="aam-name">{f.aamName}</td>
                <td className="break-all p-1 font-mono text-xs" data-testid="object-key">{where}/{f.objectKey}</td>
                <td className="p-1 text-right tabular-nums">{f.records.toLocaleString("en-US")}</td>
                <td className="p-1 text-right tabular-nums">{formatBytes(f.bytes)}</td>
                <td className="break-all p-1 font-mono text-xs">{f.sha256}<br />{f.etag}</td>
                <td className="whitespace-nowrap p-1 text-xs">{f.deliveredAt ? formatDateTime(f.deliveredAt) : "—"}</td>
                <td className="p-1"><a className="text-brand-700 underline" href={`/api/submissions/${s.id}/files/${f.part}`} download>Download</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
