import { Link } from "react-router";

export function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" className="logo__tile" />
      <path className="logo__lattice" d="M8 11h16M8 21h16M11 8v16M21 8v16" />
      <path className="logo__stem" d="M16 26V15" />
      <path
        className="logo__leaf"
        d="M16 18c-4.2 0-6.8-2.6-6.8-6.8 4.2 0 6.8 2.6 6.8 6.8zM16 15c0-4.2 2.6-6.8 6.8-6.8 0 4.2-2.6 6.8-6.8 6.8z"
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
