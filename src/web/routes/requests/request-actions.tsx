import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { RequestDetail } from "../../../contracts/requests.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/page.tsx";
import { requestKeys } from "./request-api.ts";
import { TextAreaField } from "../../components/text-area-field.tsx";

type Action = "accept" | "decline" | "ask" | "answer" | "withdraw";

/** Runs one request action; on success or on a conflict (someone acted first) the request reloads. */
function useRequestAction(orgId: string, request: RequestDetail) {
  const client = useQueryClient();
  const [done, setDone] = useState<string>();
  const mutation = useMutation({
    mutationFn: async ({ action, text }: { action: Action; text?: string }) => {
      const params = { orgId, requestId: request.id };
      switch (action) {
        case "accept":
          return (await api.call("acceptRequest", { params })).request;
        case "decline":
          return api.call("declineRequest", { params, body: { reason: text ?? "" } });
        case "ask":
          return api.call("askRequestInfo", { params, body: { question: text ?? "" } });
        case "answer":
          return api.call("answerRequest", { params, body: { answer: text ?? "" } });
        case "withdraw":
          return api.call("withdrawRequest", { params });
      }
    },
    onSuccess: (updated, { action }) => {
      client.setQueryData(requestKeys.request(orgId, request.id), updated);
      setDone(
        {
          accept: "Accepted. Your new relationship is waiting for the agreement.",
          decline: "Declined. The mentee has been told your reason.",
          ask: "Question sent. The request is with the mentee until they answer.",
          answer: "Answer sent. The request is back with the mentor.",
          withdraw: "Request withdrawn.",
        }[action],
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: requestKeys.requests(orgId) }),
    onError: (error) => {
      // Accepting at capacity or after the mentee was matched changes the request too: reload it.
      if (isApiError(error, "conflict"))
        client.invalidateQueries({ queryKey: requestKeys.request(orgId, request.id) });
    },
  });
  return { mutation, done };
}

function TextForm({
  label,
  hint,
  field,
  submitLabel,
  busyLabel,
  variant = "secondary",
  busy,
  error,
  onSubmit,
}: {
  label: string;
  hint: string;
  field: "reason" | "question" | "answer";
  submitLabel: string;
  busyLabel: string;
  variant?: "primary" | "secondary" | "danger";
  busy: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const serverError = isApiError(error) ? error.fieldErrors()[field] : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSubmit(text.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextAreaField
        label={label}
        name={field}
        hint={hint}
        value={text}
        required
        limit={field === "answer" ? 4000 : field === "reason" ? 1000 : 2000}
        error={missing ? "is required" : serverError}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant={variant} busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** What the person looking can do now: the mentor answers, the mentee answers a question or withdraws. */
export function RequestActions({ orgId, request }: { orgId: string; request: RequestDetail }) {
  const { mutation, done } = useRequestAction(orgId, request);
  const busy = (action: Action) => mutation.isPending && mutation.variables?.action === action;
  const errorOf = (action: Action) => (mutation.variables?.action === action ? mutation.error : null);
  const open = request.status === "pending" || request.status === "needs_info";
  const formError =
    mutation.error && !(isApiError(mutation.error) && Object.keys(mutation.error.fieldErrors()).length > 0)
      ? describeError(mutation.error)
      : undefined;

  const status = (
    <div aria-live="polite">
      {done && !mutation.isPending && !mutation.error ? <Alert tone="success">{done}</Alert> : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
    </div>
  );

  if (request.status === "accepted" && request.relationshipId) {
    return (
      <Card title="Next step">
        {status}
        <p>This request became a mentoring relationship. Agree how you will work together.</p>
        <Link
          className="button button--primary"
          to={to(paths.relationship, { relationshipId: request.relationshipId })}
        >
          Open the relationship
        </Link>
      </Card>
    );
  }
  if (!open || request.viewerRole === "admin") return done || formError ? status : null;

  if (request.viewerRole === "mentor") {
    return (
      <Card title="Your answer">
        <div className="request-actions">
          {status}
          {request.status === "needs_info" ? (
            <p className="muted">
              You asked a question; the mentee has not answered yet. You can still accept or decline.
            </p>
          ) : null}
          <div className="form-actions">
            <Button
              busy={busy("accept")}
              busyLabel="Accepting…"
              onClick={() => mutation.mutate({ action: "accept" })}
            >
              Accept and start mentoring
            </Button>
          </div>
          <div className="request-action-forms">
            {request.status === "pending" ? (
              <TextForm
                label="Ask for more information"
                hint="The request goes back to the mentee until they answer."
                field="question"
                submitLabel="Send question"
                busyLabel="Sending…"
                busy={busy("ask")}
                error={errorOf("ask")}
                onSubmit={(text) => mutation.mutate({ action: "ask", text })}
              />
            ) : null}
            <TextForm
              label="Your reason for declining"
              hint="The mentee reads your reason. Be kind: a line is enough."
              field="reason"
              submitLabel="Decline"
              busyLabel="Declining…"
              variant="danger"
              busy={busy("decline")}
              error={errorOf("decline")}
              onSubmit={(text) => mutation.mutate({ action: "decline", text })}
            />
          </div>
        </div>
      </Card>
    );
  }

  return (
    <Card title="Your request">
      <div className="request-actions">
        {status}
        <div className="request-action-forms">
          {request.status === "needs_info" ? (
            <TextForm
              label="Your answer"
              hint="Answering sends the request back to the mentor, with a fresh expiry."
              field="answer"
              submitLabel="Send answer"
              busyLabel="Sending…"
              variant="primary"
              busy={busy("answer")}
              error={errorOf("answer")}
              onSubmit={(text) => mutation.mutate({ action: "answer", text })}
            />
          ) : null}
          <div className="stack">
            <p className="muted">
              Changed your mind? Withdrawing tells the mentor; you can ask someone else.
            </p>
            <div className="form-actions">
              <Button
                variant="danger"
                busy={busy("withdraw")}
                busyLabel="Withdrawing…"
                onClick={() => {
                  if (window.confirm("Withdraw this request? The mentor will be told."))
                    mutation.mutate({ action: "withdraw" });
                }}
              >
                Withdraw request
              </Button>
            </div>
          </div>
        </div>
      </div>
    </Card>
  );
}
