import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { ProfileForm } from "@/components/settings/profile-form";
import { userPage, userProfile } from "@/lib/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("common.settings"))("title") };
}

export default async function SettingsPage() {
  const user = await userPage();
  const [profile, t] = await Promise.all([userProfile(user.id), getTranslations("common.settings")]);
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-5 px-4 pb-10 pt-4 sm:px-6">
        <PageHeader title={t("title")} description={t("description")} />
        <ProfileForm
          initial={{
            name: profile?.name ?? "",
            jobTitle: profile?.jobTitle ?? "",
            company: profile?.company ?? "",
            preferredTone: profile?.preferredTone ?? "",
            signature: profile?.signature ?? "",
          }}
        />
      </div>
    </div>
  );
}
