import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage } from "./support/browser.ts";
import { signIn } from "./support/flows.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const person = { email: "mary@example.org", name: "Mary Somerville", password: "a long enough password" };

describe("a person in two organisations", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
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
    server = await startServer({ prepare: [owner("Northside Mentors"), owner("Southside Coaching")] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("switches between them", async () => {
    const page = await openPage(browser, server.url);
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
