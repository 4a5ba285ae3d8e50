import { lazy, Suspense, useState } from "react";
import type { Relationship } from "../../../contracts/relationships.ts";
import { useMe } from "../../api/queries.ts";
import { Button } from "../../components/button.tsx";

const BookingDialog = lazy(() =>
  import("./booking-dialog.tsx").then((module) => ({ default: module.BookingDialog })),
);

/**
 * "Book a session" on a relationship page, for either side of a pair that may book (proposed or
 * active). The dialog's code loads on first click, so the relationship page stays light.
 */
export function BookSessionButton({ orgId, relationship }: { orgId: string; relationship: Relationship }) {
  const viewerId = useMe().data?.user.id ?? "";
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  if (relationship.viewer.role === "admin") return null;
  if (relationship.status !== "active" && relationship.status !== "proposed") return null;
  return (
    <>
      <Button
        variant="primary"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        Book a session
      </Button>
      {loaded ? (
        <Suspense fallback={null}>
          <BookingDialog
            orgId={orgId}
            viewerId={viewerId}
            mode={{ kind: "book", relationship }}
            open={open}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
