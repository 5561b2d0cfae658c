import { requireUser } from "@/lib/auth";
import { createLinkCode } from "@/lib/channels";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** A new one-time code that links the Slack or Telegram account which sends it to the signed-in user. */
export const POST = route(async () => {
  const user = await requireUser();
  return Response.json(await createLinkCode(user.id), { status: 201 });
});
