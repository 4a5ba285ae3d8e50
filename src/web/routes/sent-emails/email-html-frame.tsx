/**
 * An email's HTML in a sandboxed frame. The sandbox allows no script, form or top-level
 * navigation; `allow-same-origin` (safe without `allow-scripts`) lets this page reach the frame's
 * document, to do two things on load:
 * - apply the email's inline `style` attributes through the CSSOM: the srcdoc document inherits
 *   our CSP (`style-src 'self'`), which blocks style attributes in markup but not the CSSOM;
 * - open its links in a new tab, and size the frame to its content.
 */
export function EmailHtmlFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      className="email-frame"
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      srcDoc={html}
      onLoad={(event) => {
        const frame = event.currentTarget;
        const doc = frame.contentDocument;
        if (!doc) return;
        for (const element of doc.querySelectorAll<HTMLElement>("[style]")) {
          element.style.cssText = element.getAttribute("style") ?? "";
        }
        for (const anchor of doc.querySelectorAll("a[href]")) {
          anchor.setAttribute("target", "_blank");
          anchor.setAttribute("rel", "noopener noreferrer");
        }
        frame.style.height = `${Math.max(240, doc.documentElement.scrollHeight + 4)}px`;
      }}
    />
  );
}
