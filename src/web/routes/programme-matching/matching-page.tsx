import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Matching feature lands. */
export default function MatchingPage() {
  return <PageHeader title="Matching" />;
}
