import { redirect } from "next/navigation";
import { adminPage } from "@/lib/auth";

/** /admin opens the first section; a non-admin is told why they cannot (the forbidden page). */
export default async function AdminHome() {
  await adminPage();
  redirect("/admin/tasks");
}
