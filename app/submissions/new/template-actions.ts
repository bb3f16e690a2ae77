"use server";
// Template mutations of the new-submission page, through the one action wrapper (validated input,
// known errors as user messages).
import { runAction, type ActionResult } from "@/lib/server/actions/action-result";
import { deleteTemplate } from "@/lib/server/templates/delete-template";
import { listTemplates, type TemplateSummary } from "@/lib/server/templates/list-templates";
import { saveTemplate } from "@/lib/server/templates/save-template";
import { deleteTemplateInputSchema, saveTemplateInputSchema } from "@/lib/validation/template";
import { requireActionUser } from "@/lib/server/auth/current-user";
import { assertDataSourceVisible, assertTemplateVisible } from "@/lib/server/auth/assert-access";

export async function saveTemplateAction(input: unknown): Promise<ActionResult<TemplateSummary[]>> {
  return runAction(saveTemplateInputSchema, input, async (data) => {
    const user = await requireActionUser();
    await assertDataSourceVisible(user, data.dataSourceId);
    await saveTemplate(data, user.email);
    return listTemplates(user);
  });
}

export async function deleteTemplateAction(input: unknown): Promise<ActionResult<TemplateSummary[]>> {
  return runAction(deleteTemplateInputSchema, input, async ({ id }) => {
    const user = await requireActionUser();
    await assertTemplateVisible(user, id);
    await deleteTemplate(id, user.email);
    return listTemplates(user);
  });
}
