import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import type { Me } from "../../contracts/index.ts";
import { isAdminOf } from "../api/queries.ts";
import { useTwoFactorStatus } from "../routes/account/two-factor-queries.ts";

/**
 * Sends an owner or admin whose organisation requires two-factor sign-in, and who has not turned
 * it on, to My account to set it up (the server refuses them admin routes meanwhile).
 */
export function TwoFactorGate({ me, children }: { me: Me; children: ReactNode }) {
  const isAdmin = isAdminOf(me);
  const status = useTwoFactorStatus(isAdmin);
  const { pathname } = useLocation();
  const required = isAdmin && status.data?.requiredBy.some((org) => org.orgId === me.currentOrgId);
  if (required && pathname !== "/account") {
    // My account's two-factor card says which organisation requires it.
    return <Navigate to="/account#two-factor" replace />;
  }
  return children;
}
