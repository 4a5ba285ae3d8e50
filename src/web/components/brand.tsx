import { Link } from "react-router";

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="logo__tile" />
      <path className="logo__lattice" d="M10 7v18M16 7v18M22 7v18M7 12h18M7 20h18" />
      <path
        className="logo__leaf"
        d="M16 16c-3.5-.5-5-3-4.5-6 3 .3 5 2.6 4.5 6zm0 0c2.8-1.7 5.6-1 7 1.4-2.8 1.6-5.6 1-7-1.4z"
      />
    </svg>
  );
}

export function Brand() {
  return (
    <Link to="/" className="brand">
      <Logo />
      <span className="brand__name">Trellis</span>
    </Link>
  );
}

export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}
