import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the My mentoring feature lands. */
export default function MyMentoringPage() {
  return <PageHeader title="My mentoring" />;
}
