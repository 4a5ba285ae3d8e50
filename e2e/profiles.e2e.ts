import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { gifStandIn, pngImage, pngOfSize } from "../src/server/profiles/test-images.ts";
import { seriousViolations, settle } from "./support/axe.ts";
import { invite, linksInSentEmail, navigate, setUpThroughPage } from "./support/flows.ts";
import { type Harness, useServerAndBrowser } from "./support/harness.ts";

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Invites someone as the owner and accepts in a browser of their own; returns their page. */
async function join(trellis: Harness, owner: Page, email: string, name: string): Promise<Page> {
  await invite(owner, email, "member");
  const links = await linksInSentEmail(owner, email, /invit/i);
  const link = links.find((item) => new URL(item).pathname.startsWith("/invitations/"));
  expect(link, `links: ${links.join(", ")}`).toBeDefined();
  const page = await trellis.openPage();
  await page.goto(link!);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill("a long new password");
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await page.getByRole("heading", { name: `Welcome, ${name.split(" ")[0]}` }).waitFor();
  return page;
}

async function horizontalOverflow(page: Page, label: string): Promise<string | undefined> {
  await settle(page);
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  return sizes.scrollWidth > sizes.clientWidth
    ? `${label}: content is ${sizes.scrollWidth}px wide in a ${sizes.clientWidth}px viewport`
    : undefined;
}

describe("profiles and the skill list", () => {
  const trellis = useServerAndBrowser();

  it("an admin keeps the skill list; a member fills a profile with a photo; another member sees what is shared", async () => {
    const problems: string[] = [];
    const scan = async (page: Page, label: string) =>
      problems.push(...(await seriousViolations(page, label)));

    // The owner builds the skill list.
    const owner = await trellis.openPage();
    await setUpThroughPage(owner);
    await navigate(owner, "Skills");
    await owner.getByRole("heading", { name: "Skills", level: 1 }).waitFor();
    await owner.getByRole("heading", { name: "No skills yet" }).waitFor();
    await scan(owner, "skills, empty");
    const addSkill = async (name: string, category = "") => {
      await owner.getByLabel("Name", { exact: true }).fill(name);
      await owner.getByLabel("Category (optional)").fill(category);
      await owner.getByRole("button", { name: "Add skill" }).click();
      await owner.getByRole("listitem").filter({ hasText: name }).first().waitFor();
    };
    await addSkill("TypeScript", "Engineering");
    await addSkill("Public speking");
    await addSkill("Cobol", "Engineering");
    // A duplicate is explained on the field.
    await owner.getByLabel("Name", { exact: true }).fill("typescript");
    await owner.getByRole("button", { name: "Add skill" }).click();
    await owner.getByText("Name is already on the skill list").waitFor();
    // Rename the typo.
    await owner.getByRole("button", { name: "Rename Public speking" }).click();
    const rename = owner.getByRole("form", { name: "Rename Public speking" });
    await rename.getByLabel("Name").fill("Public speaking");
    await rename.getByRole("button", { name: "Save" }).click();
    await owner.getByRole("button", { name: "Rename Public speaking" }).waitFor();
    // Delete, after confirming, by keyboard: focus moves to the question's answer, Keep returns it.
    const focused = () => owner.evaluate(() => document.activeElement?.textContent?.trim());
    await owner.getByRole("button", { name: "Delete Cobol" }).focus();
    await owner.keyboard.press("Enter");
    await owner.getByRole("button", { name: "Yes, delete" }).waitFor();
    expect(await focused()).toBe("Yes, delete");
    await owner.keyboard.press("Tab");
    await owner.keyboard.press("Enter"); // Keep
    await owner.getByRole("button", { name: "Delete Cobol" }).waitFor();
    expect(await focused()).toBe("Delete");
    await owner.keyboard.press("Enter");
    await owner.getByRole("button", { name: "Yes, delete" }).waitFor();
    await owner.keyboard.press("Enter");
    await owner.getByRole("button", { name: "Delete Cobol" }).waitFor({ state: "detached" });
    await owner.getByRole("heading", { name: "On the list (2)" }).waitFor();
    await scan(owner, "skills");

    const lin = await join(trellis, owner, "lin@example.org", "Lin Larsen");
    const max = await join(trellis, owner, "max@example.org", "Max Moreau");
    const linId = await lin.evaluate(async () => (await (await fetch("/api/me")).json()).user.id as string);

    // Lin fills the profile.
    await navigate(lin, "My profile");
    await lin.getByRole("heading", { name: "My profile", level: 1 }).waitFor();
    await lin.getByLabel("Headline").waitFor();

    // The photo: wrong type and size are explained before anything is sent; a PNG is saved.
    const photo = lin.getByLabel("Photo", { exact: true });
    await photo.setInputFiles({ name: "wave.gif", mimeType: "image/gif", buffer: gifStandIn });
    await lin
      .getByRole("alert")
      .filter({ hasText: "wave.gif is a GIF file. Choose a PNG, JPEG or WebP image." })
      .waitFor();
    await photo.setInputFiles({
      name: "huge.png",
      mimeType: "image/png",
      buffer: pngOfSize(3 * 1024 * 1024),
    });
    await lin
      .getByRole("alert")
      .filter({ hasText: "huge.png is 3.0 MB; a photo can be at most 2.0 MB." })
      .waitFor();
    await photo.setInputFiles({ name: "lin.png", mimeType: "image/png", buffer: pngImage(48) });
    await lin.getByText("Photo saved.").waitFor();
    await lin.getByRole("img", { name: "Your photo" }).waitFor();

    await lin.getByLabel("Headline").fill("Platform engineer who likes teaching");
    await lin.getByLabel("Job title").fill("Senior engineer");
    await lin.getByLabel("Bio").fill("Ten years of APIs and databases.");
    await lin.getByRole("button", { name: "Add a link" }).click();
    await lin.getByLabel("Link 1 label").fill("Blog");
    await lin.getByLabel("Link 1 address").fill("https://lin.example.org");

    await lin.getByLabel("Department").fill("Platform");
    await lin.getByLabel("Location").fill("Berlin");
    await lin.getByLabel("Time zone").selectOption("Europe/Berlin");
    await lin.getByLabel("Language", { exact: true }).selectOption("de");
    await lin.getByRole("button", { name: "Add language" }).click();
    await lin.getByRole("button", { name: "Remove German" }).waitFor();

    const offer = lin.getByRole("group", { name: "Skills I can offer" });
    await offer.getByLabel("Skill I can offer").fill("typescript");
    await offer.getByLabel("Level", { exact: true }).selectOption("4");
    await offer.getByRole("button", { name: "Add to skills I can offer" }).click();
    await lin.getByRole("button", { name: "Remove TypeScript" }).waitFor(); // the list's spelling
    const want = lin.getByRole("group", { name: "Skills I want to grow" });
    await want.getByLabel("Skill I want to grow").fill("Negotiation");
    await want.getByLabel("Skill I want to grow").press("Enter");
    await lin.getByRole("button", { name: "Remove Negotiation" }).waitFor();
    await lin.getByLabel("Topic", { exact: true }).fill("career change");
    await lin.getByLabel("Topic", { exact: true }).press("Enter");
    // Removing a chip by keyboard puts focus back in its list's field.
    await lin.getByLabel("Topic", { exact: true }).fill("typo topic");
    await lin.getByLabel("Topic", { exact: true }).press("Enter");
    await lin.getByRole("button", { name: "Remove typo topic" }).focus();
    await lin.keyboard.press("Enter");
    await lin.getByRole("button", { name: "Remove typo topic" }).waitFor({ state: "detached" });
    expect(await lin.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      "topics-new",
    );
    await lin.getByLabel("Years of experience").fill("10");
    await lin.getByLabel("What I want to achieve").fill("Lead the platform team.");

    await lin.getByRole("button", { name: "Add a time on Tuesday" }).click();
    await lin.getByLabel("Tuesday time 1 to").fill("11:30");
    await lin.getByText("Times are in Europe/Berlin").waitFor();

    await lin.getByLabel("Who can see work").selectOption("admins");
    await lin.getByRole("button", { name: "Save profile" }).click();
    await lin.getByText("Saved.", { exact: true }).waitFor();
    await scan(lin, "my profile, filled");

    // A mistake is explained and focused, and nothing is saved.
    await lin.getByLabel("Link 1 address").fill("javascript:alert(1)");
    await lin.getByRole("button", { name: "Save profile" }).click();
    await lin
      .getByText("Links, item 1, address: must be a web address starting with http:// or https://")
      .waitFor();
    await scan(lin, "my profile, with an error");
    await lin.getByLabel("Link 1 address").fill("https://lin.example.org");

    // Saved for real: a reload shows it.
    await lin.reload();
    await lin.getByLabel("Headline").waitFor();
    expect(await lin.getByLabel("Headline").inputValue()).toBe("Platform engineer who likes teaching");
    expect(await lin.getByLabel("Time zone").inputValue()).toBe("Europe/Berlin");

    // Max, a member who shares no programme with Lin: about, skills and availability; not work, not goals.
    await max.goto(`/people/${linId}`);
    await max.getByRole("heading", { name: "Lin Larsen", level: 1 }).waitFor();
    await max.getByRole("heading", { name: "Skills and topics" }).waitFor();
    await max.getByText("TypeScript · 4 Advanced").waitFor();
    await max.getByText("Tuesday 09:00–11:30").waitFor();
    const picture = max.getByRole("img", { name: "Lin Larsen" });
    await picture.waitFor();
    expect(await picture.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(48);
    expect(await max.getByRole("heading", { name: "Work", exact: true }).count()).toBe(0);
    expect(await max.getByRole("heading", { name: "Career goals" }).count()).toBe(0);
    expect(await max.getByText("Platform", { exact: true }).count()).toBe(0);
    await max.getByText("Not shared with you").waitFor();
    await scan(max, "someone's profile");

    // The owner, an admin, sees every part, with who else may.
    await owner.goto(`/people/${linId}`);
    await owner.getByRole("heading", { name: "Work", exact: true }).waitFor();
    await owner.getByText("Lead the platform team.").waitFor();
    await owner.getByText("Only admins").waitFor();
    await scan(owner, "someone's profile, as an admin");

    // Light and dark, and a 360 px phone.
    const narrow: (string | undefined)[] = [];
    for (const colorScheme of ["dark"] as const) {
      const dark = await trellis.openPage({ colorScheme });
      await dark.context().addCookies(await lin.context().cookies());
      for (const [path, label] of [
        ["/profile", "my profile"],
        [`/people/${linId}`, "my profile as others see it"],
      ] as const) {
        await dark.goto(path);
        await dark.getByRole("heading", { level: 1 }).first().waitFor();
        await scan(dark, `${label} [dark]`);
      }
      await dark.context().close();
    }
    const small = await trellis.openPage(phone);
    await small.context().addCookies(await owner.context().cookies());
    for (const [path, label] of [
      ["/skills", "skills"],
      ["/profile", "my profile"],
      [`/people/${linId}`, "someone's profile"],
    ] as const) {
      await small.goto(path);
      await small.getByRole("heading", { level: 1 }).first().waitFor();
      narrow.push(await horizontalOverflow(small, `${label} at 360 px`));
    }
    await small.goto("/profile");
    await small.getByRole("button", { name: "Add a time on Monday" }).click();
    await small.getByRole("button", { name: "Add a link" }).click();
    narrow.push(await horizontalOverflow(small, "my profile with a time and a link at 360 px"));

    expect(problems, problems.join("\n")).toEqual([]);
    expect(narrow.filter(Boolean), narrow.join("\n")).toEqual([]);
  });
});
