import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { useNavigate } from "react-router";
import type { Me } from "../../contracts/index.ts";
import { describeError } from "../api/api-error.ts";
import { api, currentMembership, useStartSession } from "../api/queries.ts";
import { Alert } from "../components/alert.tsx";

/** The current organisation; a picker when the person belongs to several. */
export function OrgSwitcher({ me }: { me: Me }) {
  const id = useId();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const switchOrg = useMutation({
    mutationFn: (orgId: string) => api.call("switchOrg", { body: { orgId } }),
    onSuccess: (next) => {
      startSession(next);
      navigate("/", {
        state: { flash: `You are now in ${currentMembership(next)?.orgName ?? "another organisation"}.` },
      });
    },
  });
  const current = currentMembership(me);

  if (me.memberships.length === 0) return <p className="org-switcher__single">No organisation</p>;
  if (me.memberships.length === 1) {
    return (
      <div className="org-switcher">
        <span className="org-switcher__label">Organisation</span>
        <p className="org-switcher__single">{current?.orgName ?? me.memberships[0].orgName}</p>
      </div>
    );
  }
  return (
    <div className="org-switcher">
      <label htmlFor={id} className="org-switcher__label">
        Organisation
      </label>
      <select
        id={id}
        className="input select"
        value={me.currentOrgId ?? ""}
        aria-busy={switchOrg.isPending || undefined}
        onChange={(event) => switchOrg.mutate(event.target.value)}
      >
        {me.currentOrgId === null ? <option value="">Choose…</option> : null}
        {me.memberships.map((membership) => (
          <option key={membership.orgId} value={membership.orgId}>
            {membership.orgName}
          </option>
        ))}
      </select>
      {switchOrg.isError ? <Alert tone="error">{describeError(switchOrg.error)}</Alert> : null}
    </div>
  );
}
