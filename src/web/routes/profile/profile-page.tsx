import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the My profile feature lands. */
export default function ProfilePage() {
  return <PageHeader title="My profile" />;
}
