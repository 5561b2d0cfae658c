import { accountUpdateSchema, requireUser, updateAccount } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";

/** The signed-in user's own account: language and display name. */
export const PATCH = route(async (request) => {
  const user = await requireUser();
  const update = await parseJson(request, accountUpdateSchema, { surface: "account" });
  return Response.json({ user: await updateAccount(user.id, update) });
});
