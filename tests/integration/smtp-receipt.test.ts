// Receipts mailed over SMTP to a real SMTP server in this process (smtp-server on 127.0.0.1): what arrives
// is parsed back as a mail client would and compared with the receipt in the database.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReceiptText } from "@/lib/aam/receipt";
import { db } from "@/lib/server/db";
import { runProcessing } from "@/lib/server/processing/run-processing";
import { key, makeDataSource, makeEnvironment, memorySource, uniqueIds } from "../support/processing";

const received: { from: string; to: string[]; mail: ParsedMail }[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), mail });
          done();
        },
        (e: Error) => done(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("no SMTP port");
  // Read once by lib/server/env.ts, on first use (after this point).
  process.env.SMTP_URL = `smtp://127.0.0.1:${address.port}`;
  process.env.MAIL_FROM = "AAM Onboard <receipts@onboard.test>";
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("receipt e-mail", () => {
  it("mails the receipt to the data source's addresses, laid out like AAM's, with the CSV attached", async () => {
    const { dpid, sid } = uniqueIds();
    const ds = await makeDataSource({ dpid, traits: [{ sid: sid(1) }], synced: ["a"], receiptEmails: ["ops@partner.test", "pm@partner.test"] });
    const env = await makeEnvironment();
    const k = key(dpid, 1714521600, "sync.gz");
    const res = await runProcessing(env.id, { source: memorySource({ [k]: `a\td_sid=${sid(1)}\nb\td_sid=${sid(1)}\nbroken line\n` }) });
    const receiptId = res.receipts[0]!.receiptId;

    expect(received).toHaveLength(1);
    const { from, to, mail } = received[0]!;
    expect(from).toBe("receipts@onboard.test");
    expect(to).toEqual(["ops@partner.test", "pm@partner.test"]);
    expect(mail.subject).toBe(`Adobe Audience Manager Server-To-Server Processing Result: ${ds.name} (DPID ${dpid}), ${env.name}`);
    const row = await db.receipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(mail.text?.trim()).toBe(row.text.trim());
    const parsed = parseReceiptText(mail.text ?? "");
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    expect(parsed.value.partnerId).toBe(dpid);
    expect(parsed.value.files).toEqual([`s3n://proc-test/${k}`]);
    expect([parsed.value.counters.recordsReceived, parsed.value.counters.formatErrors, parsed.value.counters.noMatchingAamId, parsed.value.counters.storedRecords]).toEqual([3, 1, 1, 1]);
    expect(mail.attachments.map((a) => [a.filename?.endsWith(".csv"), a.contentType])).toEqual([[true, "text/csv"]]);
    expect(mail.attachments[0]!.content.toString("utf8")).toContain("counter,Records received,3,");
    expect(row.emailedAt).toBeInstanceOf(Date);
  });

  it("sends nothing when the data source has no receipt addresses", async () => {
    const before = received.length;
    const { dpid, sid } = uniqueIds();
    await makeDataSource({ dpid, traits: [{ sid: sid(1) }], synced: ["a"] });
    const env = await makeEnvironment();
    const res = await runProcessing(env.id, { source: memorySource({ [key(dpid, 1714521600, "sync")]: `a\td_sid=${sid(1)}\n` }) });
    expect(received.length).toBe(before);
    expect((await db.receipt.findUniqueOrThrow({ where: { id: res.receipts[0]!.receiptId } })).emailedAt).toBeNull();
  });
});
