import { profileUpdateSchema, requireUser, updateProfile, userProfile } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The signed-in user's own profile: what executors are told about them. */
export const GET = route(async () => {
  const user = await requireUser();
  return Response.json({ profile: await userProfile(user.id) });
});

export const PATCH = route(async (request) => {
  const user = await requireUser();
  const update = await parseJson(request, profileUpdateSchema, { surface: "profile" });
  return Response.json({ profile: await updateProfile(user.id, update) });
});
