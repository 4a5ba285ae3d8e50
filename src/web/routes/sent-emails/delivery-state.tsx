import type { SentEmail } from "../../../contracts/organisations.ts";
import "./delivery.css";
import { MAX_DELIVERY_ATTEMPTS } from "../../../core/email/delivery.ts";
import { formatDateTime } from "../../components/format.ts";

const BADGES: Record<SentEmail["state"], { label: string; tone: string }> = {
  queued: { label: "Queued", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  retrying: { label: "Retrying", tone: "warning" },
  failed: { label: "Failed", tone: "warning" },
  stored: { label: "In the outbox", tone: "neutral" },
};

/** Where an email stands on its way to the mail server, as a short badge. */
export function DeliveryBadge({ email }: { email: SentEmail }) {
  const badge = BADGES[email.state];
  return <span className={`badge badge--${badge.tone}`}>{badge.label}</span>;
}

/**
 * The badge with the details that matter: when the next try is (retrying), and the mail
 * server's answer (retrying, failed), so an admin can tell "mailbox full" from "no such address".
 */
export function DeliveryState({ email }: { email: SentEmail }) {
  return (
    <span className="delivery-state">
      <DeliveryBadge email={email} />{" "}
      {email.state === "sent" && email.deliveredAt ? (
        <span>on {formatDateTime(email.deliveredAt)}</span>
      ) : null}
      {email.state === "retrying" && email.nextAttemptAt ? (
        <span>
          try {email.attempts + 1} of {MAX_DELIVERY_ATTEMPTS} at {formatDateTime(email.nextAttemptAt)}
        </span>
      ) : null}
      {email.state === "failed" ? (
        <span>
          after {email.attempts} {email.attempts === 1 ? "try" : "tries"}
        </span>
      ) : null}
      {(email.state === "retrying" || email.state === "failed") && email.lastError ? (
        <span className="delivery-state__answer">
          The mail server answered: <q>{email.lastError}</q>
        </span>
      ) : null}
    </span>
  );
}
