// Playing AAM's part on one logical inbound file (all its split parts): each line is received, checked
// and planned exactly once, in file order. Counters that need only the line are kept here; records that
// survive the format and ID checks go to `onRecord` with their plan, for the store to apply (which decides
// "No Matching AAM ID", "No Trait Realized" and "Stored Records" against the ID-sync matches).
import { planRecord, realisesNothing, type RecordPlan } from "./apply-plan";
import type { ErrorSampler } from "./error-samples";
import type { InboundMode } from "./file-name";
import { checkIdInto, type IdType } from "./id-rules";
import type { AamIssue } from "./issues";
import { MAX_LINE_BYTES } from "./line-splitter";
import { parseLineInto } from "./record";
import type { Signal } from "./signals";
import type { TraitMatcher } from "./trait-rules";
import { createUserCounter } from "./user-counter";
import { utf8ByteLength } from "./utf8";

/** AAM discards lines after the first 200 for one user ID in a file [FC]. */
export const USER_LINE_LIMIT = 200;

export interface LineTally {
  recordsReceived: number;
  recordsProcessed: number;
  formatErrors: number;
  invalidAamId: number;
  invalidDeviceId: number;
  totalSignals: number;
  totalUnusedSignals: number;
  traitsFailedValidation: number;
  usersWithTraitsFailedValidation: number;
  /** Lines discarded by the 200-lines-per-user rule (received but not processed). */
  overUserLineLimit: number;
}

export interface ClassifiedRecord {
  /** Sequence number of the record within the logical file, from 1, in file order across parts. */
  rec: number;
  userId: string;
  plan: RecordPlan;
  /** 1-based line within its part file. */
  line: number;
  /** For records that realise nothing: the reason, as the error-sample key. */
  noTraitKey?: string;
}

export interface InboundClassifier {
  /** Starts the next part of the logical file (line numbers restart; the per-user line counts do not). */
  startPart(name: string): void;
  /** One line without its LF; `droppedChars` > 0 when the splitter cut an over-long line. */
  line(raw: string, droppedChars: number): void;
  readonly tally: Readonly<LineTally>;
}

export function createInboundClassifier(options: {
  idType: IdType;
  mode: InboundMode;
  matcher: TraitMatcher;
  sampler: ErrorSampler;
  onRecord: (r: ClassifiedRecord) => void;
}): InboundClassifier {
  const { idType, mode, matcher, sampler, onRecord } = options;
  const users = createUserCounter({ foldCase: false });
  const tally: LineTally = {
    recordsReceived: 0,
    recordsProcessed: 0,
    formatErrors: 0,
    invalidAamId: 0,
    invalidDeviceId: 0,
    totalSignals: 0,
    totalUnusedSignals: 0,
    traitsFailedValidation: 0,
    usersWithTraitsFailedValidation: 0,
    overUserLineLimit: 0,
  };
  const scratch: AamIssue[] = [];
  let part = "";
  let lineNo = 0;
  let rec = 0;

  function formatError(key: string, raw: string): void {
    tally.recordsProcessed++;
    tally.formatErrors++;
    sampler.add("formatErrors", key, { file: part, line: lineNo, text: raw });
  }

  return {
    tally,
    startPart(name) {
      part = name;
      lineNo = 0;
    },
    line(input, dropped) {
      lineNo++;
      tally.recordsReceived++;
      const raw = lineNo === 1 && input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      if (dropped > 0 || (raw.length * 3 > MAX_LINE_BYTES && utf8ByteLength(raw) + 1 > MAX_LINE_BYTES)) {
        // AAM drops such lines [S3N]; the cut line's ID is unreliable, so it counts against no user.
        return formatError("LINE_TOO_LONG", raw);
      }
      scratch.length = 0;
      const record = parseLineInto(raw, lineNo, scratch);
      if (!record) return formatError(raw.trim() === "" ? "BLANK_LINE" : "LINE_FORMAT", raw);
      if (users.add(record.id) > USER_LINE_LIMIT) {
        tally.overUserLineLimit++;
        sampler.add("overUserLineLimit", record.id, { file: part, line: lineNo, text: raw });
        return;
      }
      const syntax = scratch.find((i) => i.severity === "error");
      if (syntax) return formatError(syntax.code, raw);
      scratch.length = 0;
      checkIdInto(record.id, idType, scratch, lineNo);
      const bad = scratch.find((i) => i.severity === "error");
      if (bad) {
        if (idType === "aam_uuid") {
          tally.recordsProcessed++;
          tally.invalidAamId++;
          sampler.add("invalidAamId", record.id, { file: part, line: lineNo, text: raw });
        } else if (idType !== "dpuuid") {
          tally.recordsProcessed++;
          tally.invalidDeviceId++;
          sampler.add("invalidDeviceId", record.id, { file: part, line: lineNo, text: raw });
        } else formatError(bad.code, raw);
        return;
      }
      tally.recordsProcessed++;
      const plan = planRecord(record.signals, matcher, mode);
      tally.totalSignals += plan.signals;
      tally.totalUnusedSignals += plan.unused;
      if (plan.foreign > 0) {
        tally.traitsFailedValidation += plan.foreign;
        tally.usersWithTraitsFailedValidation++;
        sampler.add("traitsFailedValidation", `d_sid=${plan.firstForeignSid}`, { file: part, line: lineNo, text: record.id });
      }
      const r: ClassifiedRecord = { rec: ++rec, userId: record.id, plan, line: lineNo };
      if (realisesNothing(plan)) {
        r.noTraitKey =
          plan.signals === 0
            ? "no signals"
            : plan.firstUnused
              ? `no trait for ${signalText(plan.firstUnused)}`
              : plan.firstForeignSid !== undefined
                ? `only other data sources' traits (d_sid=${plan.firstForeignSid})`
                : "only removals (ignored in .overwrite files)";
      }
      onRecord(r);
    },
  };
}

/** A signal as written in a file, for messages (never throws, unlike formatSignal). */
export function signalText(s: Signal): string {
  switch (s.kind) {
    case "sid":
      return `d_sid=${s.traitId}`;
    case "unsid":
      return `d_unsid=${s.traitId}`;
    case "sidFlag":
      return `${s.traitId}:${s.flag}`;
    case "ic":
      return s.bare ? s.code : `ic=${s.code}`;
    case "kv":
      return `${s.key}=${s.value}`;
  }
}
