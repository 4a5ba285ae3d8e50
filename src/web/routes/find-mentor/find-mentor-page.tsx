import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Find a mentor feature lands. */
export default function FindMentorPage() {
  return <PageHeader title="Find a mentor" />;
}
