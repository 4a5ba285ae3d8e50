import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Join a programme feature lands. */
export default function JoinPage() {
  return <PageHeader title="Join a programme" />;
}
