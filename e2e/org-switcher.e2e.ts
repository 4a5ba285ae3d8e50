import { describe, expect, it } from "vitest";
import { signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

const person = { email: "mary@example.org", name: "Mary Somerville", password: "a long enough password" };

describe("a person in two organisations", () => {
  const owner = (organisation: string) => [
    "create-admin",
    "--email",
    person.email,
    "--name",
    person.name,
    "--password",
    person.password,
    "--organisation",
    organisation,
  ];
  const trellis = useServerAndBrowser({ prepare: [owner("Northside Mentors"), owner("Southside Coaching")] });

  it("switches between them", async () => {
    const page = await trellis.openPage();
    await signIn(page, person.email, person.password);
    await page.getByRole("heading", { name: "Welcome, Mary" }).waitFor();
    const switcher = page.getByRole("combobox", { name: "Organisation" });
    const options = await switcher.getByRole("option").allTextContents();
    expect(options.sort()).toEqual(["Northside Mentors", "Southside Coaching"]);

    const current = await switcher.evaluate((select) => {
      const element = select as HTMLSelectElement;
      return element.options[element.selectedIndex].text;
    });
    const other = options.find((name) => name !== current)!;
    await switcher.selectOption({ label: other });
    await page.getByText(`You are now in ${other}.`).waitFor();
    await page.getByText(`You are an owner of ${other}`).waitFor();

    // The choice is the session's: it survives a reload.
    await page.reload();
    await page.getByText(`You are an owner of ${other}`).waitFor();
  });
});
