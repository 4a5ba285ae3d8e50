import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Enrolment } from "../../../contracts/enrolment.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Card } from "../../components/page.tsx";
import { useEnrolmentChanged } from "./enrolment-queries.ts";

/** Pause ("holiday mode"), optionally until a date, and resume. */
export function HolidayMode({
  orgId,
  programmeId,
  enrolment,
}: {
  orgId: string;
  programmeId: string;
  enrolment: Enrolment;
}) {
  const changed = useEnrolmentChanged(orgId, programmeId);
  const [until, setUntil] = useState("");
  const params = { orgId, programmeId };
  const pause = useMutation({
    mutationFn: () => api.call("pauseMyEnrolment", { params, body: until ? { until } : {} }),
    onSuccess: () => changed(),
  });
  const resume = useMutation({
    mutationFn: () => api.call("resumeMyEnrolment", { params }),
    onSuccess: () => changed(),
  });
  if (enrolment.status !== "active" && enrolment.status !== "paused") return null;
  const untilError = isApiError(pause.error, "validation_failed")
    ? pause.error.fieldErrors().until
    : undefined;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card title="Holiday mode">
      {enrolment.status === "paused" ? (
        <>
          <p>
            You are paused{enrolment.pausedUntil ? ` until ${enrolment.pausedUntil}` : ""}: nobody is matched
            with you and you get no new requests.
          </p>
          {resume.isError ? <Alert tone="error">{describeError(resume.error)}</Alert> : null}
          <Button busy={resume.isPending} busyLabel="Resuming…" onClick={() => resume.mutate()}>
            Resume now
          </Button>
        </>
      ) : (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            pause.mutate();
          }}
        >
          <p>Away for a while? Pause, and nobody is matched with you until you are back.</p>
          <Field
            label="Back on (optional)"
            name="until"
            type="date"
            min={today}
            className="field--narrow"
            hint="Leave empty to pause until you resume."
            value={until}
            error={untilError}
            onChange={(event) => setUntil(event.target.value)}
          />
          {pause.isError && !untilError ? <Alert tone="error">{describeError(pause.error)}</Alert> : null}
          <div className="form-actions">
            <Button type="submit" variant="secondary" busy={pause.isPending} busyLabel="Pausing…">
              Pause
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
