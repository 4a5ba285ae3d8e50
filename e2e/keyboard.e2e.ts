import { describe, expect, it } from "vitest";
import { defaultOwner, setUpThroughPage } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

/** Someone who uses only the keyboard: every step is Tab, typing, Enter or Space. */
describe("keyboard only", () => {
  const trellis = useServerAndBrowser();

  it("skips to the content, signs in, reaches the members page and signs out without a mouse", async () => {
    const owner = await trellis.openPage();
    await setUpThroughPage(owner);
    await owner.context().close();

    const page = await trellis.openPage();
    await page.goto("/sign-in");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.waitForLoadState("networkidle");
    // Start from the top of the document, as a fresh page load does: focusing the body moves the
    // sequential focus navigation starting point there, wherever the page put focus while rendering.
    await page.bringToFront();
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute("tabindex");
    });

    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
    expect(
      await skip.evaluate((element) => element === document.activeElement),
      `focus is on ${focused}`,
    ).toBe(true);
    await page.keyboard.press("Enter");

    const focusName = () =>
      page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.id ?? "");
    for (let step = 0; step < 10 && (await focusName()) !== "email"; step++) await page.keyboard.press("Tab");
    expect(await focusName()).toBe("email");
    await page.keyboard.type(defaultOwner.email);
    await page.keyboard.press("Tab");
    expect(await focusName()).toBe("password");
    await page.keyboard.type(defaultOwner.password);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Welcome, Ada" }).waitFor();

    // Tab through the navigation to Members and open it with Enter.
    const activeText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    for (let step = 0; step < 25 && (await activeText()) !== "Members"; step++)
      await page.keyboard.press("Tab");
    expect(await activeText()).toBe("Members");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();

    for (let step = 0; step < 40 && (await activeText()) !== "Sign out"; step++)
      await page.keyboard.press("Tab");
    expect(await activeText()).toBe("Sign out");
    await page.keyboard.press("Space");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
  });
});
