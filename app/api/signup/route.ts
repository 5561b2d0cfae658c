import { createUser, signUpSchema } from "@/lib/auth";
import { parseJson, route } from "@/lib/http";

export const POST = route(async (request) => {
  const input = await parseJson(request, signUpSchema, { surface: "signup" });
  const user = await createUser(input);
  return Response.json({ user }, { status: 201 });
});
