import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { navigate, setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("email templates", () => {
  const trellis = useServerAndBrowser();

  it("an admin rewords an invitation with a live preview, an unknown variable is refused by name, and reset brings the default back", async () => {
    const page = await trellis.openPage();
    await setUpThroughPage(page);
    const problems: string[] = [];

    await navigate(page, "Email templates");
    await page.getByRole("heading", { name: "Email templates", level: 1 }).waitFor();
    problems.push(...(await seriousViolations(page, "email templates")));

    await page.getByRole("link", { name: "Invitation to join" }).click();
    await page.getByRole("heading", { name: "Invitation to join", level: 1 }).waitFor();
    await page.getByRole("term").filter({ hasText: "{{inviterName}}" }).waitFor();
    problems.push(...(await seriousViolations(page, "email template editor", { skipFrames: true })));

    // The preview follows the subject as it is typed, with the sample values.
    const subject = page.getByLabel("Subject");
    const previewSubject = page.getByTestId("preview-subject");
    await previewSubject
      .filter({ hasText: "Grace Hopper invited you to Acme Mentoring on Trellis" })
      .waitFor();
    await subject.fill("A seat for you at {{orgName}}");
    await previewSubject.filter({ hasText: "A seat for you at Acme Mentoring" }).waitFor();
    await page.getByText(/^29 of 200 characters$/).waitFor();

    // The text view of the preview shows the body with its button as "label: link".
    await page.getByRole("button", { name: "Text", exact: true }).click();
    await page
      .getByTestId("preview-text")
      .filter({ hasText: "Accept the invitation: https://trellis.example/" })
      .waitFor();

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    // An unknown variable: named under the field as it is typed, and refused by the server.
    const body = page.getByLabel("Body");
    await body.fill(`${await body.inputValue()}\n\nSee you soon, {{nickname}}.`);
    await page
      .getByText(/Unknown variable \{\{nickname\}\}/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Not saved" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("{{nickname}}");
    expect(await body.getAttribute("aria-invalid")).toBe("true");
    problems.push(
      ...(await seriousViolations(page, "email template editor with an error", { skipFrames: true })),
    );

    // Back on the list the invitation shows as reworded; reset brings the default back.
    await page.getByRole("button", { name: "Undo my changes" }).click();
    await page.getByRole("button", { name: "Reset to default" }).click();
    await page.getByRole("button", { name: "Yes, reset to default" }).click();
    await page.getByRole("status").filter({ hasText: "back to the default wording" }).waitFor();
    await expect(subject.inputValue()).resolves.toBe("{{inviterName}} invited you to {{orgName}} on Trellis");
    await page.getByRole("link", { name: "All email templates" }).click();
    const invitation = page.getByRole("listitem").filter({ hasText: "Invitation to join" });
    await invitation.getByText("Default").waitFor();

    expect(problems).toEqual([]);
  });
});
