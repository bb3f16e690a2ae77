// The validation entry points the app, worker and CLI import: per-record rules and the streaming file validator.
export { validateRecord, validateRecordInto, recordBytes, type RecordContext } from "./record-rules";
export {
  createFileValidator,
  MAX_LINES_PER_USER,
  type FileValidator,
  type FileValidatorOptions,
  type FileValidationResult,
  type FileStats,
} from "./file-validator";
