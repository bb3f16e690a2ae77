// GET /api/receipts/:id/(txt|json|csv): a receipt as AAM's e-mail text, as JSON, or as spreadsheet-safe CSV.
import { z } from "zod";
import { audit } from "@/lib/server/audit";
import { env } from "@/lib/server/env";
import { getReceipt } from "@/lib/server/receipts/get-receipt";
import { receiptCsv, receiptFileBase, receiptJson } from "@/lib/server/receipts/receipt-exports";

const paramsSchema = z.object({ id: z.uuid(), format: z.enum(["txt", "json", "csv"]) });

const TYPES = { txt: "text/plain; charset=utf-8", json: "application/json; charset=utf-8", csv: "text/csv; charset=utf-8" } as const;

export async function GET(_req: Request, ctx: { params: Promise<{ id: string; format: string }> }) {
  const parsed = paramsSchema.safeParse(await ctx.params);
  if (!parsed.success) return Response.json({ error: "Not found" }, { status: 404 });
  const receipt = await getReceipt(parsed.data.id);
  if (!receipt) return Response.json({ error: "Not found" }, { status: 404 });
  const { format } = parsed.data;
  const body = format === "txt" ? receipt.text : format === "json" ? receiptJson(receipt) : receiptCsv(receipt);
  await audit(env().APP_USER, "receipt.download", "Receipt", receipt.id, { format });
  // The file name is built from a DPID and a timestamp only: [a-z0-9-].
  return new Response(body, {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${receiptFileBase(receipt)}.${format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
