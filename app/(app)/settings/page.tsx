import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { ChannelLinks } from "@/components/settings/channel-links";
import { userPage } from "@/lib/auth";
import { LINK_CODE_TTL_MINUTES, listChannelAccounts } from "@/lib/channels";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("channels.settings"))("title") };
}

export default async function SettingsPage() {
  const user = await userPage();
  const [accounts, t] = await Promise.all([listChannelAccounts(user.id), getTranslations("channels.settings")]);
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-5 px-4 pb-10 pt-4 sm:px-6">
        <PageHeader title={t("title")} description={t("description")} />
        <ChannelLinks initial={accounts} codeMinutes={LINK_CODE_TTL_MINUTES} />
      </div>
    </div>
  );
}
