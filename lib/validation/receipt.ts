// Receipt shapes stored as JSON (counters, error samples) and the attach-receipt form input. The stored
// JSON is parsed on the way out, so a row written by an older version fails loudly, not silently.
import { z } from "./zod";
import { COUNTER_KEYS, type CounterKey } from "@/lib/aam/receipt";
import { ERROR_TYPES } from "@/lib/aam/error-samples";

const count = z.number().int().nonnegative();

export const receiptCountersSchema = z.object(
  Object.fromEntries(COUNTER_KEYS.map((k) => [k, count])) as Record<CounterKey, typeof count>,
);

const errorEntrySchema = z.object({
  key: z.string(),
  count,
  overcount: count.default(0),
  samples: z.array(z.object({ file: z.string(), line: z.number().int(), text: z.string() })),
});

export const errorSamplesSchema = z.partialRecord(z.enum(ERROR_TYPES), z.array(errorEntrySchema));

/** Pasted text, or the uploaded message (.eml / .txt / .html); at least one. */
export const attachReceiptInputSchema = z.object({
  submissionId: z.uuid(),
  text: z.string().max(1_000_000, "The receipt text is too long (1 MB at most).").default(""),
});

export type AttachReceiptInput = z.infer<typeof attachReceiptInputSchema>;

export const MAX_RECEIPT_UPLOAD_BYTES = 2 * 1024 * 1024;
