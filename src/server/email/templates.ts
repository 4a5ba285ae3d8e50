/** Plain-text and HTML bodies for each email, from one set of values. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function layout(input: {
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}): string {
  const body = input.paragraphs
    .map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`)
    .join("");
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1d2433;background:#f6f7f9;padding:24px">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(input.heading)}</h1>${body}
<p style="margin:24px 0"><a href="${escapeHtml(input.action.url)}" style="background:#2f6f4f;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">${escapeHtml(input.action.label)}</a></p>
<p style="font-size:13px;color:#5b6475;margin:0">Or open this link: ${escapeHtml(input.action.url)}</p>
<p style="font-size:13px;color:#5b6475;margin:16px 0 0">${escapeHtml(input.footer)}</p>
</div></body></html>`;
}

function render(input: {
  subject: string;
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string };
  footer: string;
}): RenderedEmail {
  const text = [
    input.heading,
    "",
    ...input.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    `${input.action.label}: ${input.action.url}`,
    "",
    input.footer,
    "",
  ].join("\n");
  return { subject: input.subject, text, html: layout(input) };
}

export function invitationEmail(values: {
  orgName: string;
  inviterName: string;
  role: string;
  url: string;
  expiresInDays: number;
}): RenderedEmail {
  return render({
    subject: `${values.inviterName} invited you to ${values.orgName} on Trellis`,
    heading: `Join ${values.orgName} on Trellis`,
    paragraphs: [
      `${values.inviterName} invited you to join ${values.orgName} as ${values.role === "admin" ? "an admin" : `a ${values.role}`}.`,
      "Trellis is where your organisation runs its mentoring and coaching programmes.",
    ],
    action: { label: "Accept the invitation", url: values.url },
    footer: `This link works for ${values.expiresInDays} days. If you did not expect it, ignore this email.`,
  });
}

export function passwordResetEmail(values: {
  name: string;
  url: string;
  expiresInMinutes: number;
}): RenderedEmail {
  return render({
    subject: "Reset your Trellis password",
    heading: "Reset your password",
    paragraphs: [
      `Hello ${values.name},`,
      "Someone (we hope you) asked to reset the password of your Trellis account.",
    ],
    action: { label: "Choose a new password", url: values.url },
    footer: `This link works once, for ${values.expiresInMinutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
  });
}

export function verifyEmailEmail(values: {
  name: string;
  url: string;
  expiresInDays: number;
}): RenderedEmail {
  return render({
    subject: "Confirm your email address for Trellis",
    heading: "Confirm your email address",
    paragraphs: [`Hello ${values.name},`, "Please confirm that this is your email address."],
    action: { label: "Confirm my email", url: values.url },
    footer: `This link works for ${values.expiresInDays} days.`,
  });
}

/**
 * The email twin of an in-app notification (requests, relationships, matching): a heading, a
 * few sentences and one link into the app.
 */
export function noticeEmail(values: {
  name: string;
  orgName: string;
  title: string;
  body: string;
  url: string;
  actionLabel?: string;
}): RenderedEmail {
  return render({
    subject: values.title,
    heading: values.title,
    paragraphs: [
      `Hello ${values.name},`,
      ...values.body.split(/\n{2,}/).filter((part) => part.trim() !== ""),
    ],
    action: { label: values.actionLabel ?? "Open Trellis", url: values.url },
    footer: `You get this email because you take part in mentoring at ${values.orgName} on Trellis.`,
  });
}
