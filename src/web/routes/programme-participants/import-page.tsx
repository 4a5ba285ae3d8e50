import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Import participants feature lands. */
export default function ImportPage() {
  return <PageHeader title="Import participants" />;
}
