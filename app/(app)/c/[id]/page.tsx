import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { ChatScreen } from "@/components/chat/chat-screen";
import { userPage } from "@/lib/auth";
import { chatPageData } from "@/lib/chat";
import { AppError } from "@/lib/http";

export const dynamic = "force-dynamic";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await userPage();
  const { id } = await params;
  try {
    return <ChatScreen data={await chatPageData(user.id, await getLocale(), id)} />;
  } catch (error) {
    // someone else's conversation looks the same as one that does not exist
    if (error instanceof AppError && (error.type === "not_found" || error.type === "forbidden")) notFound();
    throw error;
  }
}
