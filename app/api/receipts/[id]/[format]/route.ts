// GET /api/receipts/:id/(txt|json|csv): a receipt as AAM's e-mail text, as JSON, or as spreadsheet-safe CSV.
import { z } from "zod";
import { audit } from "@/lib/server/audit";
import { getReceipt } from "@/lib/server/receipts/get-receipt";
import { receiptCsv, receiptFileBase, receiptJson } from "@/lib/server/receipts/receipt-exports";
import { requireApiUser } from "@/lib/server/auth/current-user";
import { assertReceiptVisible } from "@/lib/server/auth/assert-access";
import { isNotFound } from "@/lib/server/auth/scope";

const paramsSchema = z.object({ id: z.uuid(), format: z.enum(["txt", "json", "csv"]) });

const TYPES = { txt: "text/plain; charset=utf-8", json: "application/json; charset=utf-8", csv: "text/csv; charset=utf-8" } as const;

export async function GET(request: Request, ctx: { params: Promise<{ id: string; format: string }> }) {
  const user = await requireApiUser(request);
  if (user instanceof Response) return user;
  const parsed = paramsSchema.safeParse(await ctx.params);
  if (!parsed.success) return Response.json({ error: "Not found" }, { status: 404 });
  // Only "not found" is answered as 404; a database failure stays an error (500), not a missing receipt.
  const visible = await assertReceiptVisible(user, parsed.data.id).then(
    () => true,
    (e: unknown) => {
      if (isNotFound(e)) return false;
      throw e;
    },
  );
  const receipt = visible ? await getReceipt(parsed.data.id) : null;
  if (!receipt) return Response.json({ error: "Not found" }, { status: 404 });
  const { format } = parsed.data;
  const body = format === "txt" ? receipt.text : format === "json" ? receiptJson(receipt) : receiptCsv(receipt);
  await audit(user.email, "receipt.download", "Receipt", receipt.id, { format });
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
