import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Relationship, RelationshipActionValue } from "../../../contracts/relationships.ts";
import { api } from "../../api/queries.ts";
import { LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/page.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { useRefreshRelationships } from "./relationship-queries.ts";

interface ActionWords {
  button: string;
  title: string;
  text: string;
  confirm: string;
  busy: string;
  done: string;
  tone: "primary" | "danger";
  reason?: { label: string; required: boolean; hint?: string };
}

function words(action: RelationshipActionValue, other: string): ActionWords {
  switch (action) {
    case "pause":
      return {
        button: "Pause",
        title: "Pause this mentoring?",
        text: `${other} will be told. Either of you can resume it later.`,
        confirm: "Pause mentoring",
        busy: "Pausing…",
        done: "The mentoring is paused.",
        tone: "primary",
        reason: {
          label: "Reason",
          required: false,
          hint: `Shown to ${other} and in the history, which programme managers can read.`,
        },
      };
    case "resume":
      return {
        button: "Resume",
        title: "Resume this mentoring?",
        text: `${other} will be told that you are back.`,
        confirm: "Resume mentoring",
        busy: "Resuming…",
        done: "The mentoring is active again.",
        tone: "primary",
      };
    case "complete":
      return {
        button: "Mark completed",
        title: "Mark this mentoring completed?",
        text: "Do this when you have reached the end together. It cannot be undone.",
        confirm: "Mark completed",
        busy: "Completing…",
        done: "The mentoring is completed.",
        tone: "primary",
      };
    case "end":
      return {
        button: "End early",
        title: "End this mentoring early?",
        text: `${other} will be told, with your reason. It cannot be undone.`,
        confirm: "End mentoring",
        busy: "Ending…",
        done: "The mentoring has ended.",
        tone: "danger",
        reason: {
          label: "Why are you ending it?",
          required: true,
          hint: `Shown to ${other} and to the programme managers.`,
        },
      };
  }
}

/** The state changes the viewer may make now, each behind a confirmation dialog. */
export function RelationshipActions({ orgId, relationship }: { orgId: string; relationship: Relationship }) {
  const refresh = useRefreshRelationships(orgId);
  const [asking, setAsking] = useState<RelationshipActionValue | null>(null);
  const [done, setDone] = useState("");
  const other = relationship.viewer.role === "mentee" ? relationship.mentor.name : relationship.mentee.name;
  const params = { orgId, relationshipId: relationship.id };
  const change = useMutation({
    mutationFn: ({ action, reason }: { action: RelationshipActionValue; reason: string }) => {
      switch (action) {
        case "pause":
          return api.call("pauseRelationship", { params, body: reason ? { reason } : {} });
        case "resume":
          return api.call("resumeRelationship", { params });
        case "complete":
          return api.call("completeRelationship", { params });
        case "end":
          return api.call("endRelationship", { params, body: { reason } });
      }
    },
    onSuccess: (_, { action }) => {
      setDone(words(action, other).done);
      setAsking(null);
      refresh();
    },
  });
  const actions = relationship.viewer.actions;
  const current = asking ? words(asking, other) : null;

  return (
    <Card title="Change the state">
      <LiveRegion>{done}</LiveRegion>
      {relationship.status === "proposed" ? (
        <p className="muted">If this match should not go ahead, you can end it now, with a reason.</p>
      ) : null}
      {actions.length === 0 ? (
        <p className="muted">
          {relationship.status === "completed" || relationship.status === "ended_early"
            ? "This mentoring is over; nothing more can change."
            : "Once you have both confirmed the agreement, you can pause or complete the mentoring here."}
        </p>
      ) : null}
      <div className="form-actions">
        {actions.map((action) => {
          const text = words(action, other);
          return (
            <Button
              key={action}
              variant={action === "end" ? "danger" : "secondary"}
              onClick={() => {
                change.reset();
                setDone("");
                setAsking(action);
              }}
            >
              {text.button}
            </Button>
          );
        })}
      </div>
      <ConfirmDialog
        open={current !== null}
        title={current?.title ?? ""}
        confirmLabel={current?.confirm ?? ""}
        busyLabel={current?.busy ?? ""}
        tone={current?.tone}
        busy={change.isPending}
        error={change.error}
        reason={current?.reason}
        onConfirm={(reason) => asking && change.mutate({ action: asking, reason })}
        onClose={() => setAsking(null)}
      >
        <p>{current?.text}</p>
      </ConfirmDialog>
    </Card>
  );
}
