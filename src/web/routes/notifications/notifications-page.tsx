import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Notifications feature lands. */
export default function NotificationsPage() {
  return <PageHeader title="Notifications" />;
}
