import { PageHeader } from "../../components/page.tsx";

/** Placeholder until the Register feature lands. */
export default function RegisterPage() {
  return <PageHeader title="Register" />;
}
