import { describe, expect, it } from "vitest";
import { navigate, signIn } from "./support/flows.ts";
import { useServerAndBrowser } from "./support/harness.ts";

describe("long lists come in pages", () => {
  const trellis = useServerAndBrowser({ prepare: [["seed", "--demo"]] });

  it("the members list of the demo (301 people) pages forward and back, and a short list has no pager", async () => {
    const page = await trellis.openPage();
    await signIn(page, "admin@demo.trellis.test", "trellis-demo-2026");
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await navigate(page, "Members");
    const pager = page.getByRole("navigation", { name: "Member pages" });
    await pager.getByText("Page 1 of 7").waitFor();
    expect(await pager.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);
    const firstOnPage1 = await page.getByRole("row").nth(1).innerText();
    await pager.getByRole("button", { name: "Next" }).click();
    await pager.getByText("Page 2 of 7").waitFor();
    expect(new URL(page.url()).searchParams.get("page")).toBe("1");
    await expect.poll(() => page.getByRole("row").nth(1).innerText()).not.toBe(firstOnPage1);
    await pager.getByRole("button", { name: "Previous" }).click();
    await pager.getByText("Page 1 of 7").waitFor();
    // A filter that fits on one page has no pager.
    await page.getByRole("search", { name: "Filter members" }).getByLabel("Role").selectOption("owner");
    await page.getByRole("row").nth(1).getByText("Dana Admin").first().waitFor();
    expect(await pager.count()).toBe(0);
    await page.context().close();
  });
});
