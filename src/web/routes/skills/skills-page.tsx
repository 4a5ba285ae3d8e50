import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Skills feature lands. */
export default function SkillsPage() {
  return <PageHeader title="Skills" />;
}
