import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { adminPage } from "@/lib/auth";
import { channelStates } from "@/lib/channels";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("channels.admin"))("title") };
}

export default async function ChannelsAdminPage() {
  await adminPage();
  const [states, t, names, format] = await Promise.all([channelStates(), getTranslations("channels.admin"), getTranslations("channels.names"), getFormatter()]);
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {states.map((state) => (
          <li key={state.channel} className="flex flex-col gap-3 rounded-xl border border-border p-4" data-testid={`channel-${state.channel}`}>
            <div className="flex items-center justify-between gap-2">
              <h2 className="text-base font-semibold">{names(state.channel)}</h2>
              <Badge tone={state.configured ? "success" : "neutral"}>{state.configured ? t("configured") : t("notConfigured")}</Badge>
            </div>
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
              <dt className="text-muted-foreground">{t("webhook")}</dt>
              <dd className="mb-1 break-all font-mono sm:mb-0">{state.webhookPath}</dd>
              <dt className="text-muted-foreground">{t("lastEvent")}</dt>
              <dd className="mb-1 sm:mb-0">{when(state.lastEventAt)}</dd>
              <dt className="text-muted-foreground">{t("lastError")}</dt>
              <dd>{state.lastError ? `${when(state.lastErrorAt)} · ${state.lastError}` : t("none")}</dd>
            </dl>
            {!state.configured && <p className="text-sm text-muted-foreground">{t("settingsNeeded", { settings: state.settings.join(", ") })}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
