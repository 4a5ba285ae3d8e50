import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Programme settings feature lands. */
export default function ProgrammeSettingsPage() {
  return <PageHeader title="Programme settings" />;
}
