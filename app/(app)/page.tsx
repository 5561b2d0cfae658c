import { getLocale } from "next-intl/server";
import { ChatScreen } from "@/components/chat/chat-screen";
import { userPage } from "@/lib/auth";
import { chatPageData } from "@/lib/chat";

export const dynamic = "force-dynamic";

export default async function NewChatPage() {
  const user = await userPage();
  return <ChatScreen data={await chatPageData(user.id, await getLocale())} />;
}
