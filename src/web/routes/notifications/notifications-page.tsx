import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { Notification } from "../../../contracts/notifications.ts";
import { describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { formatDateTime, zoneNote } from "../../components/format.ts";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { useViewerTimeZone } from "../requests/request-api.ts";
import { notificationKeys, useRefreshNotifications } from "./notification-queries.ts";
import "./notifications.css";

const pageSize = 20;

/** My notifications: newest first, unread ones marked, older ones a page at a time. */
export default function NotificationsPage() {
  const orgId = useMe().data!.currentOrgId ?? "";
  const timeZone = useViewerTimeZone(orgId);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [said, setSaid] = useState("");
  const refresh = useRefreshNotifications(orgId);
  const list = useInfiniteQuery({
    queryKey: notificationKeys.list(orgId, unreadOnly),
    queryFn: ({ pageParam }) =>
      api.call("listNotifications", {
        params: { orgId },
        query: {
          limit: pageSize,
          ...(pageParam ? { before: pageParam } : {}),
          ...(unreadOnly ? { unread: "true" } : {}),
        },
      }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    enabled: Boolean(orgId),
  });
  const markAll = useMutation({
    mutationFn: () => api.call("markNotificationsRead", { params: { orgId }, body: {} }),
    onSuccess: (result) => {
      setSaid(
        result.marked === 1 ? "Marked 1 notification read." : `Marked ${result.marked} notifications read.`,
      );
      refresh();
    },
  });
  const markOne = useMutation({
    mutationFn: (id: string) => api.call("markNotificationsRead", { params: { orgId }, body: { ids: [id] } }),
    onSuccess: refresh,
  });
  const notifications = list.data?.pages.flatMap((page) => page.notifications) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  return (
    <>
      <PageHeader
        title="Notifications"
        description={`What happened in your requests and mentoring. Each one is also emailed to you. ${zoneNote(timeZone)}.`}
      />
      <LiveRegion>{said}</LiveRegion>
      <div className="notifications-toolbar">
        <p className="result-count" aria-live="polite">
          {list.data ? (unread === 0 ? "All read" : `${unread} unread`) : ""}
        </p>
        <div className="form-actions">
          <label className="choice">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(event) => setUnreadOnly(event.target.checked)}
            />
            Unread only
          </label>
          <Button
            variant="secondary"
            size="small"
            disabled={unread === 0}
            busy={markAll.isPending}
            busyLabel="Marking…"
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </div>
      </div>
      {markAll.isError ? <Alert tone="error">{describeError(markAll.error)}</Alert> : null}
      {list.isPending && orgId ? <Loading label="Loading notifications…" /> : null}
      {list.isError ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data && notifications.length === 0 ? (
        <EmptyState title={unreadOnly ? "Nothing unread" : "No notifications yet"}>
          <p>
            {unreadOnly
              ? "You have read everything."
              : "When someone answers a request, confirms an agreement or changes a relationship, you will see it here."}
          </p>
        </EmptyState>
      ) : null}
      {notifications.length > 0 ? (
        <ul className="item-list notification-list">
          {notifications.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              timeZone={timeZone}
              onOpen={() => {
                if (!notification.readAt) markOne.mutate(notification.id);
              }}
            />
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <div className="notifications-more">
          <Button
            variant="secondary"
            busy={list.isFetchingNextPage}
            busyLabel="Loading…"
            onClick={() => list.fetchNextPage()}
          >
            Show older
          </Button>
        </div>
      ) : null}
    </>
  );
}

function NotificationItem({
  notification,
  timeZone,
  onOpen,
}: {
  notification: Notification;
  timeZone: string;
  onOpen: () => void;
}) {
  const isUnread = notification.readAt === null;
  return (
    <li className={`item-list__item${isUnread ? " notification--unread" : ""}`}>
      <span className="notification__dot" aria-hidden="true" />
      <div className="item-list__main">
        <p className="item-list__title">
          {isUnread ? <span className="visually-hidden">Unread: </span> : null}
          {notification.link ? (
            <Link to={notification.link} onClick={onOpen}>
              {notification.title}
            </Link>
          ) : (
            notification.title
          )}
        </p>
        {notification.body ? <p className="notification__body">{notification.body}</p> : null}
        <p className="item-list__meta">
          <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt, timeZone)}</time>
        </p>
      </div>
    </li>
  );
}
