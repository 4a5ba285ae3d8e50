import type { twoFactorRoutes } from "../../../contracts/two-factor.routes.ts";
import type { SampleBodiesFor } from "../route-samples.ts";

/** A valid request body for each two-factor route that takes one. */
export const twoFactorSamples: SampleBodiesFor<typeof twoFactorRoutes> = {
  signInTwoFactor: { pendingToken: "t".repeat(43), code: "123456" },
  confirmTwoFactor: { code: "123456" },
  disableTwoFactor: { password: "sample-password-1" },
  regenerateRecoveryCodes: { password: "sample-password-1" },
  updateOrgSecurity: { requireTwoFactorForAdmins: false },
};
