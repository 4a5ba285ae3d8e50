/**
 * Email templates: a subject and a body in a small markup, with `{{variable}}` placeholders. One
 * body gives both the plain-text and the HTML part. The markup, block by block (blocks are
 * separated by a blank line):
 *
 *   # Join {{orgName}}            a heading
 *   Hello {{name}},               a paragraph (a single line break stays a line break)
 *   See [the guide](https://…)    a link inside a paragraph
 *   [Accept]({{url}})             a block that is only a link: a button (and the bare link under it)
 *   ---                           everything after this line is the small print
 *
 * The template is parsed before values are put in, and values are HTML-escaped in the HTML part,
 * so a person's name can never add a link or markup. A link opens only http(s) and mailto
 * addresses; any other (javascript:...) shows its label as plain text.
 */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailTemplateText {
  subject: string;
  body: string;
}

export const EMAIL_SUBJECT_MAX_LENGTH = 200;
export const EMAIL_BODY_MAX_LENGTH = 10_000;

/** Values for the placeholders; a missing one renders as nothing. */
export type TemplateValues = Readonly<Record<string, string | number>>;

export interface TemplateProblem {
  field: "subject" | "body";
  message: string;
  /** The unknown variable's name, when that is the problem. */
  variable?: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const BUTTON = /^\[([^\]\n]+)\]\(([^)\s]+)\)$/;
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/**
 * What is wrong with a template for a kind that may use `allowed` variables: unknown variables
 * (by name), malformed placeholders, an empty subject or body. Empty when it is fine.
 * Example: subject "Hi {{nmae}}" with allowed ["name"] → [{ field: "subject", variable: "nmae", ... }].
 */
export function findTemplateProblems(
  template: EmailTemplateText,
  allowed: readonly string[],
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const field of ["subject", "body"] as const) {
    const source = template[field];
    if (source.trim() === "") problems.push({ field, message: `The ${field} is empty.` });
    for (const match of source.matchAll(PLACEHOLDER)) {
      const name = match[1].trim();
      if (!VARIABLE_NAME.test(name)) {
        problems.push({ field, message: `"{{${match[1]}}}" is not a variable name.` });
      } else if (!allowed.includes(name)) {
        problems.push({
          field,
          variable: name,
          message: `Unknown variable {{${name}}}: this email may use ${allowed.map((item) => `{{${item}}}`).join(", ")}.`,
        });
      }
    }
    const rest = source.replace(PLACEHOLDER, "");
    if (rest.includes("{{") || rest.includes("}}")) {
      problems.push({ field, message: "A {{ is not closed by }} (or a }} has no {{)." });
    }
  }
  return problems;
}

function fill(source: string, values: TemplateValues, encode: (value: string) => string): string {
  return source.replace(PLACEHOLDER, (_, name: string) => encode(String(values[name.trim()] ?? "")));
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const asIs = (value: string) => value;

/** A paragraph's text with its links, as plain text ("label (https://...)") or HTML. */
function inline(source: string, values: TemplateValues, mode: "text" | "html"): string {
  let out = "";
  let last = 0;
  const piece = (text: string) =>
    mode === "text" ? fill(text, values, asIs) : fill(escapeHtml(text), values, escapeHtml);
  for (const match of source.matchAll(LINK)) {
    out += piece(source.slice(last, match.index));
    const label = piece(match[1]);
    const href = fill(match[2], values, asIs);
    if (!SAFE_HREF.test(href)) out += label;
    else if (mode === "text") out += `${label} (${href})`;
    else out += `<a href="${escapeHtml(href)}" style="color:#2f6f4f">${label}</a>`;
    last = match.index + match[0].length;
  }
  out += piece(source.slice(last));
  return mode === "html" ? out.replace(/\n/g, "<br>\n") : out;
}

type Block =
  | { kind: "heading"; source: string }
  | { kind: "paragraph"; source: string; small: boolean }
  | { kind: "button"; label: string; href: string; small: boolean };

function parse(body: string): Block[] {
  const blocks: Block[] = [];
  let small = false;
  let lines: string[] = [];
  const flush = () => {
    const chunk = lines.join("\n").trim();
    lines = [];
    if (chunk === "") return;
    const button = chunk.match(BUTTON);
    if (button) blocks.push({ kind: "button", label: button[1], href: button[2], small });
    else if (chunk.startsWith("# ")) blocks.push({ kind: "heading", source: chunk.slice(2).trim() });
    else blocks.push({ kind: "paragraph", source: chunk, small });
  };
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "---") {
      flush();
      small = true;
    } else if (line.trim() === "") flush();
    else lines.push(line);
  }
  flush();
  return blocks;
}

const PARAGRAPH_STYLE = "margin:0 0 16px";
const SMALL_STYLE = "font-size:13px;color:#5b6475;margin:16px 0 0";

function blockHtml(block: Block, values: TemplateValues): string {
  if (block.kind === "heading") {
    return `<h1 style="font-size:20px;margin:0 0 16px">${inline(block.source, values, "html")}</h1>`;
  }
  if (block.kind === "paragraph") {
    return `<p style="${block.small ? SMALL_STYLE : PARAGRAPH_STYLE}">${inline(block.source, values, "html")}</p>`;
  }
  const label = inline(block.label, values, "html");
  const href = fill(block.href, values, asIs);
  if (!SAFE_HREF.test(href)) return `<p style="${PARAGRAPH_STYLE}">${label}</p>`;
  return `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="background:#2f6f4f;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none">${label}</a></p>
<p style="font-size:13px;color:#5b6475;margin:0 0 16px">Or open this link: ${escapeHtml(href)}</p>`;
}

function blockText(block: Block, values: TemplateValues): string {
  if (block.kind !== "button") return inline(block.source, values, "text");
  const label = inline(block.label, values, "text");
  const href = fill(block.href, values, asIs);
  return SAFE_HREF.test(href) ? `${label}: ${href}` : label;
}

/**
 * Renders a template with values into the subject and both parts. Check it with
 * findTemplateProblems first: unknown placeholders render as nothing here.
 */
export function renderTemplate(template: EmailTemplateText, values: TemplateValues): RenderedEmail {
  const blocks = parse(template.body);
  const subject = fill(template.subject, values, asIs).replace(/\s+/g, " ").trim();
  const text = `${blocks.map((block) => blockText(block, values)).join("\n\n")}\n`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1d2433;background:#f6f7f9;padding:24px">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
${blocks.map((block) => blockHtml(block, values)).join("\n")}
</div></body></html>`;
  return { subject, text, html };
}
