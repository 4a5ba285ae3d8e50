import { describe, expect, it } from "vitest";
import { EMAIL_KINDS, EMAIL_KIND_NAMES, sampleValues, variableNames } from "./email-kinds.ts";
import { findTemplateProblems, renderTemplate } from "./template.ts";

describe("findTemplateProblems", () => {
  it("accepts known variables, with or without spaces inside the braces", () => {
    expect(findTemplateProblems({ subject: "Hi {{name}}", body: "For {{ name }}" }, ["name"])).toEqual([]);
  });

  it("names an unknown variable and the field it is in", () => {
    const problems = findTemplateProblems({ subject: "Hi {{nmae}}", body: "ok" }, ["name"]);
    expect(problems).toEqual([
      expect.objectContaining({
        field: "subject",
        variable: "nmae",
        message: expect.stringContaining("{{nmae}}"),
      }),
    ]);
  });

  it("refuses an unclosed placeholder, a bad name and an empty body", () => {
    const problems = findTemplateProblems({ subject: "Hi {{name", body: "  " }, ["name"]);
    expect(problems.map((problem) => problem.field).sort()).toEqual(["body", "subject"]);
    expect(findTemplateProblems({ subject: "{{ 1x }}", body: "b" }, ["name"])[0].message).toMatch(
      /not a variable/,
    );
  });

  it("every default template uses only its own variables", () => {
    for (const kind of EMAIL_KIND_NAMES) {
      expect(findTemplateProblems(EMAIL_KINDS[kind].defaults, variableNames(kind)), kind).toEqual([]);
    }
  });
});

describe("renderTemplate", () => {
  const template = {
    subject: "Welcome {{name}}\nto {{org}}",
    body: "# Hello {{name}}\n\nLine one\nline two, see [the guide](https://example.test/guide).\n\n[Open]({{url}})\n\n---\nSmall print for {{org}}.",
  };

  it("gives a plain-text part with the button as 'label: url' and the small print last", () => {
    const email = renderTemplate(template, { name: "Ada", org: "Acme", url: "https://t.test/x?a=1&b=2" });
    expect(email.subject).toBe("Welcome Ada to Acme");
    expect(email.text).toBe(
      "Hello Ada\n\nLine one\nline two, see the guide (https://example.test/guide).\n\nOpen: https://t.test/x?a=1&b=2\n\nSmall print for Acme.\n",
    );
  });

  it("gives an HTML part with a heading, line breaks, a link, a button and escaped values", () => {
    const email = renderTemplate(template, {
      name: "<b>Ada</b>",
      org: "A&B",
      url: "https://t.test/x?a=1&b=2",
    });
    expect(email.html).toContain(">Hello &#60;b&#62;Ada&#60;/b&#62;</h1>");
    expect(email.html).toContain("Line one<br>\nline two");
    expect(email.html).toContain('<a href="https://example.test/guide"');
    expect(email.html).toContain('href="https://t.test/x?a=1&#38;b=2"');
    expect(email.html).toContain("Small print for A&#38;B.");
    expect(email.html).not.toContain("<b>Ada");
  });

  it("a value cannot add a link, and a javascript: link shows only its label", () => {
    const email = renderTemplate(
      { subject: "s", body: "Hi {{name}}\n\n[Click](javascript:alert(1))" },
      { name: "[win](https://evil.test)" },
    );
    expect(email.html).not.toContain('href="https://evil.test"');
    expect(email.html).not.toContain("javascript:");
    expect(email.text).toContain("Hi [win](https://evil.test)");
  });

  it("renders every kind with its sample values", () => {
    for (const kind of EMAIL_KIND_NAMES) {
      const email = renderTemplate(EMAIL_KINDS[kind].defaults, sampleValues(kind));
      expect(email.subject, kind).not.toMatch(/\{\{|^$/);
      expect(email.text, kind).not.toContain("{{");
    }
  });
});
