import { ShieldAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/layout/status-page";

export async function generateMetadata() {
  return { title: (await getTranslations("common.forbidden"))("title") };
}

/** Shown with status 403 when a signed-in user opens a page that needs another role (see adminPage). */
export default async function Forbidden() {
  const t = await getTranslations("common.forbidden");
  return <StatusPage icon={ShieldAlert} code="403" heading={t("heading")} body={t("body")} action={{ href: "/", label: t("back") }} />;
}
