import { requireAdmin } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";
import { costPolicySchema, costSettings, setMonthlyBudget } from "@/lib/observability";

/** PUT /api/cost/budget — each user's monthly budget in the prices' currency; null removes it. */
export const PUT = route(async (request) => {
  await requireAdmin();
  const { monthlyBudgetPerUser } = await parseJson(request, costPolicySchema, { surface: "budget" });
  await setMonthlyBudget(monthlyBudgetPerUser);
  return Response.json(await costSettings());
});
