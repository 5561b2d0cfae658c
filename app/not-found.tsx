import { SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

export async function generateMetadata() {
  return { title: (await getTranslations("common.notFound"))("title") };
}

/** Any address that leads nowhere, and any conversation that is not yours: the same page, status 404. */
export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return <StatusPage icon={SearchX} code="404" heading={t("heading")} body={t("body")} action={{ href: "/", label: t("back") }} />;
}
