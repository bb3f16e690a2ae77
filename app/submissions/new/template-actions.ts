"use server";
// Template mutations of the new-submission page, through the one action wrapper (validated input,
// known errors as user messages).
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { env } from "@/lib/server/env";
import { deleteTemplate } from "@/lib/server/templates/delete-template";
import { listTemplates, type TemplateSummary } from "@/lib/server/templates/list-templates";
import { saveTemplate } from "@/lib/server/templates/save-template";
import { deleteTemplateInputSchema, saveTemplateInputSchema } from "@/lib/validation/template";

export async function saveTemplateAction(input: unknown): Promise<ActionResult<TemplateSummary[]>> {
  return runAction(saveTemplateInputSchema, input, async (data) => {
    await saveTemplate(data, env().APP_USER);
    return listTemplates();
  });
}

export async function deleteTemplateAction(input: unknown): Promise<ActionResult<TemplateSummary[]>> {
  return runAction(deleteTemplateInputSchema, input, async ({ id }) => {
    await deleteTemplate(id, env().APP_USER);
    return listTemplates();
  });
}
