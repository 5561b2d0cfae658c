import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { ChannelLinks } from "@/components/settings/channel-links";
import { ProfileForm } from "@/components/settings/profile-form";
import { userPage, userProfile } from "@/lib/auth";
import { LINK_CODE_TTL_MINUTES, listChannelAccounts } from "@/lib/channels";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("channels.settings"))("title") };
}

/** The user's own settings: the profile executors write with (issue 16), and the Slack and Telegram accounts linked to them (issue 17). */
export default async function SettingsPage() {
  const user = await userPage();
  const [profile, accounts, t, tProfile] = await Promise.all([
    userProfile(user.id),
    listChannelAccounts(user.id),
    getTranslations("channels.settings"),
    getTranslations("common.settings"),
  ]);
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-5 px-4 pb-10 pt-4 sm:px-6">
        <PageHeader title={t("title")} description={t("description")} />
        <section aria-labelledby="profile-heading" className="flex flex-col gap-3 rounded-xl border border-border p-4">
          <h2 id="profile-heading" className="text-base font-semibold">
            {tProfile("title")}
          </h2>
          <p className="text-sm text-muted-foreground">{tProfile("description")}</p>
          <ProfileForm
            initial={{
              name: profile?.name ?? "",
              jobTitle: profile?.jobTitle ?? "",
              company: profile?.company ?? "",
              preferredTone: profile?.preferredTone ?? "",
              signature: profile?.signature ?? "",
            }}
          />
        </section>
        <ChannelLinks initial={accounts} codeMinutes={LINK_CODE_TTL_MINUTES} />
      </div>
    </div>
  );
}
