import { requireUser } from "@/lib/auth";
import { listChannelAccounts } from "@/lib/channels";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The signed-in user's linked Slack and Telegram accounts. */
export const GET = route(async () => {
  const user = await requireUser();
  return Response.json({ accounts: await listChannelAccounts(user.id) });
});
