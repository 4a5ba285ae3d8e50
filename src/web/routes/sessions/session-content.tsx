import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import {
  type ActionItem,
  type AgendaItem,
  NOTE_VISIBILITIES,
  type Note,
  type NoteVisibility,
  type SessionDetail,
} from "../../../contracts/sessions.ts";
import { ApiError, describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { formatDay } from "../../components/format.ts";
import { Card } from "../../components/page.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useRefreshSessions } from "./session-api.ts";
import { firstName, othersOf, VISIBILITY_LABEL, visibilityWords } from "./session-format.ts";

type Props = { orgId: string; viewerId: string; detail: SessionDetail };

function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}

/** The error line of a form whose fields did not take the server's message. */
function FormError({ error, placed }: { error: unknown; placed: string[] }) {
  if (!error) return null;
  const fields = fieldErrors(error);
  if (Object.keys(fields).some((name) => placed.includes(name))) return null;
  return <Alert tone="error">{describeError(error)}</Alert>;
}

// ───────────────────────────── agenda

/**
 * The agenda: its owner (the mentee in mentoring, the coach in coaching) adds, reorders and
 * takes suggestions; the other side suggests. Anyone ticks an item done.
 */
export function AgendaCard({ orgId, viewerId, detail }: Props) {
  const { session, agenda } = detail;
  const refresh = useRefreshSessions(orgId);
  const owns = session.viewer.ownsAgenda;
  const ownerSide = session.attendees.find((person) => person.userId !== viewerId && !owns);
  const params = { orgId, sessionId: session.id };
  const [text, setText] = useState("");
  const inputId = useId();

  const add = useMutation({
    mutationFn: (value: string) => api.call("addAgendaItem", { params, body: { text: value } }),
    onSuccess: () => {
      setText("");
      refresh();
    },
  });
  const update = useMutation({
    mutationFn: (input: {
      itemId: string;
      change: { done?: boolean; status?: "agreed"; position?: number };
    }) => api.call("updateAgendaItem", { params: { ...params, itemId: input.itemId }, body: input.change }),
    onSettled: refresh,
  });
  const reorder = useMutation({
    mutationFn: async (order: AgendaItem[]) => {
      // Positions are the new order's indexes; only the items that moved are written.
      for (const [index, item] of order.entries()) {
        if (item.position !== index)
          await api.call("updateAgendaItem", {
            params: { ...params, itemId: item.id },
            body: { position: index },
          });
      }
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (itemId: string) => api.call("removeAgendaItem", { params: { ...params, itemId } }),
    onSettled: refresh,
  });

  const move = (index: number, by: -1 | 1) => {
    const order = [...agenda];
    const [item] = order.splice(index, 1);
    if (!item) return;
    order.splice(index + by, 0, item);
    reorder.mutate(order);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(text);
  };
  const addError = fieldErrors(add.error).text;
  const open = session.status === "proposed" || session.status === "confirmed" || session.status === "held";

  return (
    <Card title="Agenda">
      <p className="muted">
        {owns
          ? "You own this agenda: add what you want to talk about; take or leave what the other side suggests."
          : `${ownerSide ? firstName(ownerSide.name) : "The other side"} owns this agenda; you can suggest items.`}
      </p>
      {agenda.length === 0 ? (
        <p>No items yet.</p>
      ) : (
        <ol className="agenda-list" aria-label="Agenda items">
          {agenda.map((item, index) => (
            <li
              key={item.id}
              className={`agenda-item${item.status === "suggested" ? " agenda-item--suggested" : ""}`}
            >
              <label className="agenda-item__check">
                <input
                  type="checkbox"
                  checked={item.done}
                  onChange={(event) =>
                    update.mutate({ itemId: item.id, change: { done: event.target.checked } })
                  }
                />
                <span
                  className={item.done ? "agenda-item__text agenda-item__text--done" : "agenda-item__text"}
                >
                  {item.text}
                </span>
                <span className="visually-hidden">{item.done ? " (done)" : ""}</span>
              </label>
              <span className="agenda-item__meta muted">
                {item.status === "suggested"
                  ? `Suggested by ${item.addedBy.userId === viewerId ? "you" : item.addedBy.name}`
                  : item.carriedFromSessionId
                    ? "Carried over from last time"
                    : item.addedBy.userId === viewerId
                      ? "Added by you"
                      : `Added by ${item.addedBy.name}`}
              </span>
              <span className="agenda-item__actions">
                {owns && item.status === "suggested" ? (
                  <Button
                    size="small"
                    variant="secondary"
                    onClick={() => update.mutate({ itemId: item.id, change: { status: "agreed" } })}
                  >
                    Add to the agenda
                    <span className="visually-hidden">: {item.text}</span>
                  </Button>
                ) : null}
                {owns && agenda.length > 1 ? (
                  <>
                    <Button
                      size="small"
                      variant="ghost"
                      disabled={index === 0}
                      busy={reorder.isPending}
                      onClick={() => move(index, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                      <span className="visually-hidden">Move up: {item.text}</span>
                    </Button>
                    <Button
                      size="small"
                      variant="ghost"
                      disabled={index === agenda.length - 1}
                      busy={reorder.isPending}
                      onClick={() => move(index, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                      <span className="visually-hidden">Move down: {item.text}</span>
                    </Button>
                  </>
                ) : null}
                {owns || item.addedBy.userId === viewerId ? (
                  <Button size="small" variant="ghost" onClick={() => remove.mutate(item.id)}>
                    Remove<span className="visually-hidden">: {item.text}</span>
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      {update.isError || reorder.isError || remove.isError ? (
        <Alert tone="error">{describeError(update.error ?? reorder.error ?? remove.error)}</Alert>
      ) : null}
      {open ? (
        <form onSubmit={submit} noValidate className="inline-form">
          <Field
            id={inputId}
            label={owns ? "Add an agenda item" : "Suggest an agenda item"}
            name="text"
            value={text}
            limit={500}
            onChange={(event) => setText(event.target.value)}
            error={addError}
          />
          <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Adding…">
            {owns ? "Add" : "Suggest"}
          </Button>
        </form>
      ) : null}
      <FormError error={add.error} placed={["text"]} />
    </Card>
  );
}

// ───────────────────────────── carried over

/** What is still open from the pair's previous session. */
export function CarriedOverCard({ detail, viewerId }: { detail: SessionDetail; viewerId: string }) {
  const { carriedOver } = detail;
  if (!carriedOver.previousSessionId) return null;
  const empty = carriedOver.openAgenda.length === 0 && carriedOver.openActionItems.length === 0;
  return (
    <Card title="From last time">
      {empty ? (
        <p>
          Everything from{" "}
          <Link to={to(paths.session, { sessionId: carriedOver.previousSessionId })}>
            the previous session
          </Link>{" "}
          is done.
        </p>
      ) : (
        <>
          <p className="muted">
            Still open from{" "}
            <Link to={to(paths.session, { sessionId: carriedOver.previousSessionId })}>
              the previous session
            </Link>
            .
          </p>
          {carriedOver.openAgenda.length > 0 ? (
            <>
              <h3 className="card__subtitle">Agenda items not covered</h3>
              <ul className="plain-list" aria-label="Agenda items not covered">
                {carriedOver.openAgenda.map((item) => (
                  <li key={item.id}>{item.text}</li>
                ))}
              </ul>
            </>
          ) : null}
          {carriedOver.openActionItems.length > 0 ? (
            <>
              <h3 className="card__subtitle">Follow-ups</h3>
              <ul className="plain-list" aria-label="Follow-ups from last time">
                {carriedOver.openActionItems.map((item) => (
                  <li key={item.id}>
                    <span>{item.text}</span>{" "}
                    <span className="muted">
                      ({item.owner.userId === viewerId ? "you" : item.owner.name}
                      {item.dueOn ? `, due ${formatDay(item.dueOn)}` : ""})
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Card>
  );
}

// ───────────────────────────── notes

function VisibilityChoice({
  name,
  value,
  onChange,
  otherName,
  legend,
}: {
  name: string;
  value: NoteVisibility;
  onChange: (value: NoteVisibility) => void;
  otherName: string;
  legend: string;
}) {
  const words: Record<NoteVisibility, string> = {
    only_me: "Only me",
    pair: `${otherName} and me`,
    coordinators: `${otherName}, me and the programme's coordinators`,
  };
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="choice-row">
        {NOTE_VISIBILITIES.map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {words[option]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Notes, each with who can read it; mine can change their visibility or be deleted. */
export function NotesCard({ orgId, viewerId, detail }: Props) {
  const { session, notes } = detail;
  const refresh = useRefreshSessions(orgId);
  const isManager = session.viewer.role === "admin";
  const other = othersOf(session, viewerId)[0];
  const otherName = other ? firstName(other.name) : "The other side";
  const params = { orgId, sessionId: session.id };
  const [text, setText] = useState("");
  const [visibility, setVisibility] = useState<NoteVisibility>("only_me");
  const add = useMutation({
    mutationFn: () => api.call("addNote", { params, body: { text, visibility } }),
    onSuccess: () => {
      setText("");
      refresh();
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <Card title="Notes">
      {isManager ? <p className="muted">Only notes the pair shared with coordinators show here.</p> : null}
      {notes.length === 0 ? (
        <p>{isManager ? "No notes are shared with coordinators." : "No notes yet."}</p>
      ) : (
        <ul className="note-list" aria-label="Notes">
          {notes.map((note) => (
            <NoteItem
              key={note.id}
              orgId={orgId}
              sessionId={session.id}
              note={note}
              otherName={other?.name ?? null}
            />
          ))}
        </ul>
      )}
      {isManager ? null : (
        <form
          noValidate
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <TextAreaField
            label="New note"
            name="text"
            value={text}
            limit={5000}
            rows={3}
            onChange={(event) => setText(event.target.value)}
            error={errors.text}
          />
          <VisibilityChoice
            name="visibility"
            legend="Who can read it"
            value={visibility}
            onChange={setVisibility}
            otherName={otherName}
          />
          <div className="form-actions">
            <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Saving…">
              Save note
            </Button>
          </div>
          <FormError error={add.error} placed={["text"]} />
        </form>
      )}
    </Card>
  );
}

function NoteItem({
  orgId,
  sessionId,
  note,
  otherName,
}: {
  orgId: string;
  sessionId: string;
  note: Note;
  otherName: string | null;
}) {
  const refresh = useRefreshSessions(orgId);
  const selectId = useId();
  const params = { orgId, sessionId, itemId: note.id };
  const change = useMutation({
    mutationFn: (visibility: NoteVisibility) => api.call("updateNote", { params, body: { visibility } }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.call("removeNote", { params }),
    onSettled: refresh,
  });
  return (
    <li className="note">
      <p className="note__text">{note.text}</p>
      <p className="note__meta muted">
        {note.mine ? "You" : note.author.name} ·{" "}
        <strong>{visibilityWords(note.visibility, otherName, note.mine)}</strong>
      </p>
      {note.mine ? (
        <div className="note__actions">
          <label htmlFor={selectId} className="visually-hidden">
            Who can read this note
          </label>
          <select
            id={selectId}
            className="input select input--compact"
            value={note.visibility}
            onChange={(event) => change.mutate(event.target.value as NoteVisibility)}
          >
            {NOTE_VISIBILITIES.map((option) => (
              <option key={option} value={option}>
                {VISIBILITY_LABEL[option]}
              </option>
            ))}
          </select>
          <Button size="small" variant="ghost" busy={remove.isPending} onClick={() => remove.mutate()}>
            Delete note
          </Button>
        </div>
      ) : null}
      {change.isError || remove.isError ? (
        <Alert tone="error">{describeError(change.error ?? remove.error)}</Alert>
      ) : null}
    </li>
  );
}

// ───────────────────────────── action items

/** Follow-ups agreed in the session: an owner (one of the pair), a due date, done or not. */
export function ActionItemsCard({ orgId, viewerId, detail }: Props) {
  const { session, actionItems } = detail;
  const refresh = useRefreshSessions(orgId);
  const params = { orgId, sessionId: session.id };
  const [text, setText] = useState("");
  const [ownerId, setOwnerId] = useState(viewerId);
  const [dueOn, setDueOn] = useState("");
  const ownerSelect = useId();
  const add = useMutation({
    mutationFn: () => api.call("addActionItem", { params, body: { text, ownerId, dueOn: dueOn || null } }),
    onSuccess: () => {
      setText("");
      setDueOn("");
      refresh();
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <Card title="Follow-ups">
      {actionItems.length === 0 ? (
        <p>No follow-ups yet. Add what each of you will do before next time.</p>
      ) : (
        <ul className="action-list" aria-label="Follow-ups">
          {actionItems.map((item) => (
            <ActionItemRow key={item.id} orgId={orgId} item={item} viewerId={viewerId} />
          ))}
        </ul>
      )}
      <form
        noValidate
        className="action-form"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Field
          label="Follow-up"
          name="text"
          value={text}
          limit={500}
          onChange={(event) => setText(event.target.value)}
          error={errors.text}
        />
        <div className={`field${errors.ownerId ? " field--invalid" : ""}`}>
          <label htmlFor={ownerSelect} className="field__label">
            Who
          </label>
          <select
            id={ownerSelect}
            className="input select"
            value={ownerId}
            onChange={(event) => setOwnerId(event.target.value)}
            aria-invalid={errors.ownerId ? true : undefined}
          >
            {session.attendees.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.userId === viewerId ? `Me (${person.name})` : person.name}
              </option>
            ))}
          </select>
          {errors.ownerId ? <p className="field__error">Who {errors.ownerId}</p> : null}
        </div>
        <Field
          label="Due (optional)"
          name="dueOn"
          type="date"
          value={dueOn}
          onChange={(event) => setDueOn(event.target.value)}
          error={errors.dueOn}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Adding…">
            Add follow-up
          </Button>
        </div>
      </form>
      <FormError error={add.error} placed={["text", "ownerId", "dueOn"]} />
    </Card>
  );
}

export function ActionItemRow({
  orgId,
  item,
  viewerId,
  showSession = false,
}: {
  orgId: string;
  item: ActionItem;
  viewerId: string;
  showSession?: boolean;
}) {
  const refresh = useRefreshSessions(orgId);
  const params = { orgId, sessionId: item.sessionId, itemId: item.id };
  const done = useMutation({
    mutationFn: (value: boolean) => api.call("updateActionItem", { params, body: { done: value } }),
    onSettled: refresh,
  });
  const checked = done.isPending ? Boolean(done.variables) : item.done;
  return (
    <li className="action-item">
      <label className="agenda-item__check">
        <input type="checkbox" checked={checked} onChange={(event) => done.mutate(event.target.checked)} />
        <span className={checked ? "agenda-item__text agenda-item__text--done" : "agenda-item__text"}>
          {item.text}
        </span>
      </label>
      <span className="muted">
        {item.owner.userId === viewerId ? "You" : item.owner.name}
        {item.dueOn ? ` · due ${formatDay(item.dueOn)}` : ""}
        {showSession ? (
          <>
            {" · "}
            <Link to={to(paths.session, { sessionId: item.sessionId })}>
              from a session<span className="visually-hidden">: {item.text}</span>
            </Link>
          </>
        ) : null}
      </span>
      {done.isError ? <Alert tone="error">{describeError(done.error)}</Alert> : null}
    </li>
  );
}
