import { Outlet } from "react-router";

/** Placeholder: the programme frame (name, state, tabs) comes with the programmes feature. */
export default function ProgrammeLayout() {
  return <Outlet />;
}
