import { useMe } from "../../api/queries.ts";
import { PageHeader } from "../../components/page.tsx";
import { VerifyEmailNotice } from "../../components/verify-banner.tsx";
import { PasswordCard } from "./password-card.tsx";
import { ProfileCard } from "./profile-card.tsx";
import { SessionsCard } from "./sessions-card.tsx";
import { TwoFactorCard } from "./two-factor-card.tsx";
import { YourDataCard } from "./your-data-card.tsx";

export default function AccountPage() {
  const me = useMe().data!;
  return (
    <>
      <PageHeader
        title="My account"
        description="Your name, password, two-factor sign-in, the devices you are signed in on, and your data."
      />
      <VerifyEmailNotice me={me} />
      <div className="card-grid">
        <ProfileCard me={me} />
        <PasswordCard />
      </div>
      <TwoFactorCard />
      <SessionsCard />
      <YourDataCard />
    </>
  );
}
