import type { ReactNode } from "react";

const urlPattern = /(https?:\/\/[^\s<>"')\]]+)/g;

/**
 * Plain text with its web addresses made into links, built as React elements (never as HTML), so
 * an email's text cannot inject markup. Trailing punctuation stays outside the link.
 */
export function LinkifiedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trailing = /[.,;:!?]+$/.exec(url)?.[0] ?? "";
    url = url.slice(0, url.length - trailing.length);
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={url} rel="noopener noreferrer">
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <pre className="email-text">{parts}</pre>;
}
