import { EmptyChat } from "@/components/chat/empty-chat";
import { ModelSetupNotice } from "@/components/chat/model-setup-notice";
import { checkModelSlots } from "@/lib/ai";
import { requirePageUser } from "@/lib/auth";
import { listTasks } from "@/lib/tasks";

export const dynamic = "force-dynamic";

export default async function ChatPage() {
  await requirePageUser();
  const [slots, tasks] = await Promise.all([checkModelSlots(), listTasks({ enabledOnly: true })]);
  return (
    <div className="mx-auto max-w-3xl py-4">
      <ModelSetupNotice slots={slots} />
      <EmptyChat tasks={tasks} />
    </div>
  );
}
