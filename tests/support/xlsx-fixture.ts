// Builds small but real .xlsx files for tests (what Excel writes: shared strings, styles with a date and a
// "00000" format, inline strings, booleans), so the reader is tested against the format and not against
// another library's reading of it.
import { deflateRawSync } from "node:zlib";

export type FixtureCell =
  | string
  | number
  | null
  | { date: number }
  | { zeros: number }
  | { bool: boolean }
  | { inline: string }
  | { formulaString: string };

export interface FixtureSheet {
  name: string;
  rows: (FixtureCell[] | { row: number; cells: FixtureCell[] })[];
  hidden?: boolean;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function colName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function zip(files: Record<string, string | Uint8Array>, opts: { store?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    const packed = opts.store ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(opts.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(opts.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

export function buildXlsx(sheets: FixtureSheet[], opts: { date1904?: boolean; store?: boolean } = {}): Uint8Array {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const ss = (s: string): number => {
    let i = sharedIndex.get(s);
    if (i === undefined) sharedIndex.set(s, (i = shared.push(s) - 1));
    return i;
  };
  const files: Record<string, string> = {};
  sheets.forEach((sheet, k) => {
    let next = 1;
    const rows = sheet.rows.map((r) => {
      const { row, cells } = Array.isArray(r) ? { row: next, cells: r } : r;
      next = row + 1;
      const cs = cells
        .map((c, i) => {
          const ref = `${colName(i)}${row}`;
          if (c === null) return "";
          if (typeof c === "string") return `<c r="${ref}" t="s"><v>${ss(c)}</v></c>`;
          if (typeof c === "number") return `<c r="${ref}"><v>${c}</v></c>`;
          if ("date" in c) return `<c r="${ref}" s="1"><v>${c.date}</v></c>`;
          if ("zeros" in c) return `<c r="${ref}" s="2"><v>${c.zeros}</v></c>`;
          if ("bool" in c) return `<c r="${ref}" t="b"><v>${c.bool ? 1 : 0}</v></c>`;
          if ("inline" in c) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c.inline)}</t></is></c>`;
          return `<c r="${ref}" t="str"><f>A1</f><v>${esc(c.formulaString)}</v></c>`;
        })
        .join("");
      return `<row r="${row}">${cs}</row>`;
    });
    files[`xl/worksheets/sheet${k + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  });
  files["[Content_Types].xml"] = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
  files["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `${opts.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>` +
    sheets.map((s, k) => `<sheet name="${esc(s.name)}" sheetId="${k + 1}"${s.hidden ? ' state="hidden"' : ""} r:id="rId${k + 1}"/>`).join("") +
    `</sheets></workbook>`;
  files["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join("") +
    `</Relationships>`;
  files["xl/styles.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="00000"/></numFmts>` +
    `<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>` +
    `<cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  files["xl/sharedStrings.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">` +
    shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("") +
    `</sst>`;
  return zip(files, opts.store ? { store: true } : {});
}
