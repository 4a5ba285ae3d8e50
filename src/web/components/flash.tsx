import { useLocation } from "react-router";
import { Alert } from "./alert.tsx";

/** A one-off message carried to the next page in the navigation state: `navigate(to, { state: { flash } })`. */
export function FlashMessage() {
  const { state } = useLocation();
  const flash = (state as { flash?: unknown } | null)?.flash;
  if (typeof flash !== "string") return null;
  return (
    <Alert tone="success" className="flash">
      {flash}
    </Alert>
  );
}
