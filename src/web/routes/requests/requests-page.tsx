import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Requests feature lands. */
export default function RequestsPage() {
  return <PageHeader title="Requests" />;
}
