// AAM's own receipt e-mail attached to production submissions: pasted text or a saved MIME message
// (quoted-printable HTML, as mail clients save it), read into the receipt fields and linked by file name.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { SafeError } from "@/lib/server/errors";
import { attachAamReceipt } from "@/lib/server/receipts/attach-aam-receipt";
import { getReceipt } from "@/lib/server/receipts/get-receipt";
import { receiptCsv } from "@/lib/server/receipts/receipt-exports";
import { makeDataSource, uniqueIds } from "../support/processing";

function receiptText(files: string[], stored = 2) {
  return [
    "Dear Adobe Partner: (ID:7)",
    "We have received your Adobe Audience Manager Server-To-Server file delivery",
    "File name:",
    ...files.map((f) => `s3n://demdex-s2s-clients/2024-05-01/${f}`),
    "Records received: 3", "Format Errors: 0", "Invalid AAM ID: 0", "No Matching AAM ID: 1", "No Trait Realized: 0", "Records processed: 3",
    `Stored Records: ${stored}`, "Total devices: 2", "Total signals: 3", "Total unused signals: 0", "Total realized traits: 2", "Total removed traits: 0",
    "Total traits failed validation: 0", "Total users that have traits which failed validation: 0",
    "Job start time: 2024-05-02 14:00:01", "Job end time: 2024-05-02 14:03:30",
  ].join("\n");
}

let seconds = 1714521600;

async function productionSubmission(dataSourceId: string, environmentId: string, names: string[]) {
  return db.submission.create({
    data: {
      // Distinct per data source, as the app guarantees; the receipt matches on file names, not this.
      createdBy: "t", dataSourceId, environmentId, mode: "sync", aamTimestamp: seconds++, originalName: "a.csv", originalSize: 1n,
      originalSha256: "0".repeat(64), mapping: {}, status: "delivered",
      files: { create: names.map((aamName, i) => ({ part: i + 1, aamName, objectKey: `x/acme/date=2024-05-01/${aamName}-${Math.random()}`, bytes: 1n, records: 1, sha256: "0".repeat(64) })) },
    },
  });
}

describe("attachAamReceipt", () => {
  it("reads pasted text, links every submission whose files it names, and marks complete ones processed", async () => {
    const { dpid } = uniqueIds();
    const ds = await makeDataSource({ dpid });
    const env = await db.environment.create({ data: { name: `prod-${dpid}`, kind: "production", bucket: "demdex-s2s-clients", prefix: "x" } });
    const a = `ftp_dpm_${dpid}_1714521600.sync.1.gz`;
    const b = `ftp_dpm_${dpid}_1714521600.sync.2.gz`;
    const c = `ftp_dpm_${dpid}_1714521700.sync.gz`;
    const s1 = await productionSubmission(ds.id, env.id, [a, b]);
    const s2 = await productionSubmission(ds.id, env.id, [c]);
    const s3 = await productionSubmission(ds.id, env.id, [`ftp_dpm_${dpid}_1714529999.sync.gz`]);

    const r = await attachAamReceipt(s1.id, receiptText([a, b, c]), "tester");
    expect(new Set(r.linked)).toEqual(new Set([s1.id, s2.id]));
    expect(new Set(r.processed)).toEqual(new Set([s1.id, s2.id]));
    expect([r.namesThisSubmission, r.storedMismatch]).toEqual([true, false]);
    const statuses = await db.submission.findMany({ where: { id: { in: [s1.id, s2.id, s3.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [s1.id]: "processed", [s2.id]: "processed", [s3.id]: "delivered" });

    const view = (await getReceipt(r.receiptId))!;
    expect([view.source, view.dataSource?.id, view.environment.id, view.files.length]).toEqual(["aam_email", ds.id, env.id, 3]);
    expect(view.counters).toMatchObject({ recordsReceived: 3, noMatchingAamId: 1, storedRecords: 2, invalidDeviceId: 0 });
    expect(view.startedAt.toISOString()).toBe("2024-05-02T14:00:01.000Z");
    expect(receiptCsv(view)).toContain("counter,No Matching AAM ID,1,");
  });

  it("reads a saved .eml with a quoted-printable HTML body", async () => {
    const { dpid } = uniqueIds();
    const ds = await makeDataSource({ dpid });
    const env = await db.environment.create({ data: { name: `prod-eml-${dpid}`, kind: "production", bucket: "demdex-s2s-clients", prefix: "x" } });
    const name = `ftp_dpm_${dpid}_1714521600.sync.gz`;
    const s = await productionSubmission(ds.id, env.id, [name]);
    const html = receiptText([name]).split("\n").map((l) => `<p><b>${l.replace(/</g, "&lt;")}</b></p>`).join("");
    const qp = html.replace(/=/g, "=3D").replace(/(.{70})/g, "$1=\r\n");
    const eml = [
      "From: aam-noreply@adobe.com",
      "To: ops@partner.test",
      "Subject: Adobe Audience Manager Server-To-Server Processing Result:",
      "MIME-Version: 1.0",
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      qp,
    ].join("\r\n");
    const r = await attachAamReceipt(s.id, Buffer.from(eml), "tester");
    expect(r.processed).toEqual([s.id]);
    const view = (await getReceipt(r.receiptId))!;
    expect(view.files).toEqual([`s3n://demdex-s2s-clients/2024-05-01/${name}`]);
    expect(view.text).toContain("From: aam-noreply@adobe.com");
  });

  it("refuses text that is not a receipt, saying what is missing", async () => {
    const { dpid } = uniqueIds();
    const ds = await makeDataSource({ dpid });
    const env = await db.environment.create({ data: { name: `prod-bad-${dpid}`, kind: "production", bucket: "b", prefix: "x" } });
    const s = await productionSubmission(ds.id, env.id, ["n"]);
    await expect(attachAamReceipt(s.id, "Hello, your files are fine.", "t")).rejects.toThrow(SafeError);
    await expect(attachAamReceipt(s.id, receiptText(["n"]).replace(/^Total devices.*$/m, ""), "t")).rejects.toThrow("missing: Total devices");
    expect(await db.receiptSubmission.count({ where: { submissionId: s.id } })).toBe(0);
  });
});
