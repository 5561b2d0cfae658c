import { requireUser, userLocale } from "@/lib/auth";
import { chatRequestSchema, runTurn } from "@/lib/chat";
import { parseJson, route } from "@/lib/http";
import { enforceLimit } from "@/lib/limits";

export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  const user = await requireUser();
  await enforceLimit("chat", user.id);
  const body = await parseJson(request, chatRequestSchema, { surface: "chat" });
  return runTurn(user, body, { signal: request.signal, locale: userLocale(user, request.headers.get("accept-language")) });
});
