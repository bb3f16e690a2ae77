import { describe, expect, it } from "vitest";
import {
  COUNTER_KEYS,
  csvCell,
  emptyCounters,
  formatReceiptCsv,
  formatReceiptText,
  parseReceiptText,
  receiptFileName,
  storedByFormula,
  type ReceiptData,
} from "@/lib/aam/receipt";

// AAM's sample receipt [RCPT], as the e-mail's text reads.
const AAM_SAMPLE = `From: aam-noreply@adobe.com
Subject: Adobe Audience Manager Server-To-Server Processing Result:
Dear Adobe Partner: (ID:7)
We have received your Adobe Audience Manager Server-To-Server file delivery
File name:
s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368806402.sync
s3n://<bucket_name>/2018-05-16/ftp_dpm_7_901_1368655202.sync
s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368784804.sync
s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368806403.sync
s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368784802.sync
s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368784803.sync
s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368806404.sync
Records received: 40669900
Format Errors: 0
Invalid AAM ID: 112
No Matching AAM ID: 0
No Trait Realized: 26730823
Records processed: 40669900
Stored Records: 13938958
Total devices: 21
Total signals: 918878926
Total unused signals: 660348376
Total realized traits: 258086908
Total removed traits: 0
Total traits failed validation: 0
Total users that have traits which failed validation: 0
Job start time: 2018-05-17 18:07:49
Job end time: 2018-05-17 18:45:02
`;

const SAMPLE_COUNTERS = {
  recordsReceived: 40669900, formatErrors: 0, invalidAamId: 112, invalidDeviceId: 0, noMatchingAamId: 0, noTraitRealized: 26730823,
  recordsProcessed: 40669900, storedRecords: 13938958, totalDevices: 21, totalSignals: 918878926, totalUnusedSignals: 660348376,
  totalRealizedTraits: 258086908, totalRemovedTraits: 0, traitsFailedValidation: 0, usersWithTraitsFailedValidation: 0,
};

describe("parseReceiptText: AAM's sample receipt", () => {
  it("reads every field of the text version", () => {
    const r = parseReceiptText(AAM_SAMPLE);
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(r.value.partnerId).toBe(7);
    expect(r.value.files).toHaveLength(7);
    expect(r.value.files[1]).toBe("s3n://<bucket_name>/2018-05-16/ftp_dpm_7_901_1368655202.sync");
    expect(r.value.counters).toEqual(SAMPLE_COUNTERS);
    expect(r.value.startedAt.toISOString()).toBe("2018-05-17T18:07:49.000Z");
    expect(r.value.endedAt.toISOString()).toBe("2018-05-17T18:45:02.000Z");
    expect(r.value.defaulted).toEqual(["invalidDeviceId"]);
    // A8: the sample's Stored Records do not follow its own formula; reported, not corrected.
    expect(storedByFormula(r.value.counters)).toBe(13938965);
    expect(r.value.storedMismatch).toBe(true);
  });

  it("reads the HTML version Adobe publishes (bold paragraphs, escaped <bucket_name>)", () => {
    const html =
      "<table><tr><td><p><b>From: aam-noreply@adobe.com </b></p><p><b>Dear Adobe Partner: (ID:7)</b></p><p><b>File name:</b> <i></i></p>" +
      "<p><b> s3n://&lt;<i>bucket_name&gt;</i>/2018-05-17/ftp_dpm_7_901_1368806402.sync</b></p>" +
      AAM_SAMPLE.split("\n").filter((l) => /: \d|time:/.test(l)).map((l) => `<p> <b>${l} </b> </p>`).join("") +
      "</td></tr></table>";
    const r = parseReceiptText(html);
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(r.value.files).toEqual(["s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368806402.sync"]);
    expect(r.value.counters).toEqual(SAMPLE_COUNTERS);
  });

  it("tolerates quoting, bold markers, CRLF, thousands separators and label case", () => {
    const messy = AAM_SAMPLE.replace("Records received: 40669900", "> **RECORDS RECEIVED:** 40,669,900").replace(/\n/g, "\r\n");
    const r = parseReceiptText(messy);
    expect(r.ok && r.value.counters.recordsReceived).toBe(40669900);
  });

  it("says which lines are missing", () => {
    const r = parseReceiptText(AAM_SAMPLE.replace(/^Total devices.*\n/m, "").replace(/^Job end time.*\n/m, ""));
    expect(r).toEqual({ ok: false, errors: ["These lines of the receipt are missing: Total devices.", 'The receipt has no "Job end time".'] });
  });

  it("rejects a non-numeric counter", () => {
    const r = parseReceiptText(AAM_SAMPLE.replace("Format Errors: 0", "Format Errors: n/a"));
    expect(r.ok).toBe(false);
  });
});

const ours: ReceiptData = {
  partnerId: 21,
  files: ["s3n://aam-sandbox/inbound/acme/date=2024-05-01/ftp_dpm_21_1714521600.sync.gz"],
  counters: { ...emptyCounters(), recordsReceived: 5, recordsProcessed: 5, formatErrors: 1, noTraitRealized: 1, storedRecords: 3, totalDevices: 2 },
  startedAt: new Date("2024-05-01T10:00:00.123Z"),
  endedAt: new Date("2024-05-01T10:00:02Z"),
};

describe("formatReceiptText", () => {
  it("lays the receipt out like AAM's e-mail, and the parser reads it back", () => {
    const text = formatReceiptText(ours, { from: "receipts@example.test", footer: "Processed by the local processor." });
    expect(text).toContain("Dear Adobe Partner: (ID:21)\n");
    expect(text).toContain("File name:\ns3n://aam-sandbox/inbound/acme/date=2024-05-01/ftp_dpm_21_1714521600.sync.gz\n");
    expect(text).toContain("Records received: 5\nFormat Errors: 1\nInvalid AAM ID: 0\nInvalid Device ID: 0\nNo Matching AAM ID: 0\nNo Trait Realized: 1\nRecords processed: 5\nStored Records: 3\n");
    expect(text).toContain("Job start time: 2024-05-01 10:00:00\nJob end time: 2024-05-01 10:00:02\n");
    const back = parseReceiptText(text);
    if (!back.ok) throw new Error(back.errors.join("; "));
    expect(back.value.counters).toEqual(ours.counters);
    expect(back.value.files).toEqual(ours.files);
    expect(back.value.defaulted).toEqual([]);
    expect(back.value.storedMismatch).toBe(false);
  });

  it("prints every counter once", () => {
    const text = formatReceiptText(ours);
    expect(text.split("\n").filter((l) => /^[A-Z][A-Za-z ]+: \d+$/.test(l))).toHaveLength(COUNTER_KEYS.length);
  });
});

describe("CSV", () => {
  it.each<[string | number, string]>([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ["+1", "'+1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["a,b", '"a,b"'],
    ["plain", "plain"],
    [-5, "-5"],
    [12, "12"],
  ])("csvCell(%j)", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("writes counters, files and errors, formula-safe", () => {
    const csv = formatReceiptCsv(ours, [{ type: "noTraitRealized", key: "no trait for =cmd|' /C calc'!A0", count: 1, sample: "f.sync:3" }]);
    const rows = csv.trimEnd().split("\r\n");
    expect(rows[0]).toBe("section,field,value,sample");
    expect(rows).toContain("counter,Records received,5,");
    expect(rows).toContain("file,File name,s3n://aam-sandbox/inbound/acme/date=2024-05-01/ftp_dpm_21_1714521600.sync.gz,");
    expect(rows.at(-1)).toBe("error,noTraitRealized: no trait for =cmd|' /C calc'!A0,1,f.sync:3");
    expect(formatReceiptCsv(ours, [{ type: "x", key: "=1", count: 1 }])).toContain("error,x: =1,1,");
    expect(csvCell("=1")).toBe("'=1");
  });
});

it("receiptFileName", () => {
  expect(receiptFileName("s3n://<bucket_name>/2018-05-17/ftp_dpm_7_901_1368806402.sync")).toBe("ftp_dpm_7_901_1368806402.sync");
  expect(receiptFileName("ftp_dpm_7_1368806402.sync")).toBe("ftp_dpm_7_1368806402.sync");
});
