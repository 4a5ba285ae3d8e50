import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Request feature lands. */
export default function RequestPage() {
  return <PageHeader title="Request" />;
}
