import { requireUser } from "@/lib/auth";
import { channelAccountIdSchema, unlinkAccount } from "@/lib/channels";
import { parseParams, route } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

/** Unlinks one of the user's Slack or Telegram accounts; someone else's answers 404. */
export const DELETE = route<Context>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = parseParams(await params, channelAccountIdSchema, "channel_account");
  await unlinkAccount(user.id, id);
  return new Response(null, { status: 204 });
});
