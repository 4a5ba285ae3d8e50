import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Profile feature lands. */
export default function PersonPage() {
  return <PageHeader title="Profile" />;
}
