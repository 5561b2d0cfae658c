import { requireAdmin } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";
import { costSettings, modelPriceSchema, removeModelPrice, setModelPrice } from "@/lib/observability";

/** GET /api/cost/prices — the prices per model, the monthly budget, and the models used without a price. */
export const GET = route(async () => {
  await requireAdmin();
  return Response.json(await costSettings());
});

/** PUT /api/cost/prices — sets one model's price per million input and output tokens. */
export const PUT = route(async (request) => {
  await requireAdmin();
  await setModelPrice(await parseJson(request, modelPriceSchema, { surface: "price" }));
  return Response.json(await costSettings());
});

/** DELETE /api/cost/prices — removes one model's price ({ model }). */
export const DELETE = route(async (request) => {
  await requireAdmin();
  const { model } = await parseJson(request, modelPriceSchema.pick({ model: true }), { surface: "price" });
  await removeModelPrice(model);
  return Response.json(await costSettings());
});
