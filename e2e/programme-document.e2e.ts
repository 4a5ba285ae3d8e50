import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("programme as code", () => {
  const trellis = useServerAndBrowser();

  it("an admin imports a programme document, sees its problems by line, then gets a draft", async () => {
    const page = await trellis.openPage();
    await setUpThroughPage(page);
    await page.goto("/programmes");
    await page.getByRole("link", { name: "Import" }).click();
    await page.getByRole("heading", { name: "Import a programme" }).waitFor();
    const field = page.getByLabel("Programme document (JSON)");
    await field.fill(
      '{\n  "format": "trellis-programme",\n  "version": 2,\n  "programme": { "name": "Imported" }\n}',
    );
    await page.getByRole("button", { name: "Import as a draft" }).click();
    await page.getByText("version: line 3: version must be 1").waitFor();
    const problems = await seriousViolations(page, "import with problems");
    await field.fill(
      JSON.stringify(
        { format: "trellis-programme", version: 1, programme: { name: "Imported cohort" } },
        null,
        2,
      ),
    );
    await page.getByRole("button", { name: "Import as a draft" }).click();
    await page.getByText("“Imported cohort” was imported as a draft").waitFor();
    await page.getByRole("link", { name: "Export as JSON" }).waitFor();
    expect(problems).toEqual([]);
  });
});
