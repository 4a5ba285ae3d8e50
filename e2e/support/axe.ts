import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Waits until the page shows its heading and no loading indicator. */
export async function settle(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page
    .locator(".loading")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
  // Let the last render and any focus move finish.
  await page.waitForTimeout(150);
}

/**
 * Runs axe (WCAG 2.x A and AA plus best practices) on the page as it is and returns the serious
 * and critical violations, one readable line each.
 */
export async function seriousViolations(
  page: Page,
  label: string,
  options: { skipFrames?: boolean } = {},
): Promise<string[]> {
  await settle(page);
  let builder = new AxeBuilder({ page }).withTags([
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
  ]);
  // A frame sandboxed without scripts (an email's HTML) cannot run axe, and waiting for it hangs:
  // leave it out (the frame element itself, with its title, is still checked).
  if (options.skipFrames) builder = builder.exclude("iframe").options({ iframes: false });
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${label}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}
