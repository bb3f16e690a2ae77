import type { Issue } from "../aam/issues";

// CRM-side issue codes. Like AAM_ISSUE_CODES they are a public contract (stored, exported, matched by
// tests): add new ones, never rename.
export const CRM_ISSUE_CODES = [
  "CSV_RAGGED_ROW",
  "CSV_UNCLOSED_QUOTE",
  "CSV_QUOTE_TRAILING",
  "ENCODING_GUESSED",
  "ENCODING_INVALID",
  "EXCEL_DAMAGED_NUMBER",
  "EXCEL_SERIAL_DATE",
  "HEADER_DUPLICATE",
  "HEADER_EMPTY",
  "HEADER_MISSING",
  "MAPPING_WIDTH",
  "MAPPING_NO_ID",
  "MAPPING_MULTIPLE_ID",
  "MAPPING_PII_ID",
  "MAPPING_KEY_INVALID",
  "MAPPING_TRAIT_ID_INVALID",
  "MAPPING_NO_SIGNALS",
  "MAPPING_VALUE_MAP_COLUMN",
] as const;

export type CrmIssueCode = (typeof CRM_ISSUE_CODES)[number];

export type CrmIssue = Issue<CrmIssueCode>;
