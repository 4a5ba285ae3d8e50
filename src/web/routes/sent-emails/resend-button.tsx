import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { SentEmail } from "../../../contracts/organisations.ts";
import { describeError } from "../../api/api-error.ts";
import { api, queryKeys } from "../../api/queries.ts";
import { LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";

/**
 * Sends an email again (a new copy goes to the top of the list); says so, or why not, in a live
 * region beside the button so screen readers hear the outcome.
 */
export function ResendButton({ orgId, email }: { orgId: string; email: SentEmail }) {
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => api.call("resendEmail", { params: { orgId, emailId: email.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.emails(orgId) }),
  });
  return (
    <span className="resend">
      <Button
        variant="secondary"
        size="small"
        busy={resend.isPending}
        busyLabel="Resending…"
        onClick={() => resend.mutate()}
        aria-label={`Resend “${email.subject}” to ${email.to}`}
      >
        Resend
      </Button>
      <LiveRegion>
        {resend.isSuccess ? <span className="resend__note">Sent again: a new copy is queued.</span> : null}
        {resend.isError ? (
          <span className="resend__note resend__note--error">{describeError(resend.error)}</span>
        ) : null}
      </LiveRegion>
    </span>
  );
}
