import { z } from "./zod";

export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024; // S3 multipart parts must be at least 5 MiB (but the last)

export const createUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  size: z.number().int().positive(),
  /** Where the file is going, when known: its own size limit is then checked before any byte is sent. */
  environmentId: z.uuid().optional(),
});

export const chunkParamsSchema = z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(9999) });
