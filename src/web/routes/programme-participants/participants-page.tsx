import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Participants feature lands. */
export default function ParticipantsPage() {
  return <PageHeader title="Participants" />;
}
