import { Loader2 } from "lucide-react";
import { getTranslations } from "next-intl/server";

/** Shown at once when a conversation is opened from the list, until the server has rendered it. */
export default async function ConversationLoading() {
  const t = await getTranslations("chat.screen");
  return (
    <div role="status" className="flex h-full items-center justify-center gap-2 text-sm text-muted-foreground">
      <Loader2 aria-hidden="true" className="size-4 animate-spin" />
      {t("opening")}
    </div>
  );
}
