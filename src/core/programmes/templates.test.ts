import { describe, expect, it } from "vitest";
import { validateMatchConfig } from "../matching/scoring/validate-config.ts";
import { checkSettings } from "./programme-settings.ts";
import { checkForm } from "./registration-form.ts";
import { findTemplate, PROGRAMME_TEMPLATES, settingsFromTemplate, TEMPLATE_IDS } from "./templates.ts";

describe("programme templates", () => {
  it("offers the five programmes of the issue, each once", () => {
    expect(PROGRAMME_TEMPLATES.map((template) => template.name)).toEqual([
      "12-week developer cohort with GROW goals",
      "6-month career mentoring",
      "One-off flash mentoring",
      "Peer circles",
      "Coaching engagement",
    ]);
    expect(PROGRAMME_TEMPLATES.map((template) => template.id)).toEqual([...TEMPLATE_IDS]);
  });

  for (const template of PROGRAMME_TEMPLATES) {
    describe(template.name, () => {
      const settings = settingsFromTemplate(template, template.name, "2026-01-05");

      it("has a registration form that passes checkForm", () => {
        expect(template.settings.registrationForm.length).toBeGreaterThan(0);
        expect(checkForm(template.settings.registrationForm)).toEqual([]);
      });

      it("has criteria that pass validateMatchConfig, with at least one hard rule", () => {
        expect(() => validateMatchConfig(template.settings.matchConfig)).not.toThrow();
        expect(template.settings.matchConfig.criteria.some((criterion) => criterion.hard)).toBe(true);
      });

      it("is a consistent whole: criteria compare only questions asked for matching, both sides offered", () => {
        expect(checkSettings(settings)).toEqual([]);
      });

      it("waits 14 days for an answer to a request and reminds 3 days before", () => {
        expect(settings.requestExpiryDays).toBe(14);
        expect(settings.requestReminderDays).toBe(3);
        expect(settings.pendingRequestCap).toBeGreaterThanOrEqual(1);
      });

      it("gives a cohort its length from the start date, an evergreen programme no dates", () => {
        if (template.settings.evergreen) {
          expect(settings.startsOn).toBeNull();
          expect(settings.endsOn).toBeNull();
        } else {
          expect(settings.startsOn).toBe("2026-01-05");
          const days = (Date.parse(settings.endsOn!) - Date.parse(settings.startsOn!)) / 86_400_000;
          expect(days).toBe((template.settings.cohortWeeks ?? 12) * 7);
        }
      });
    });
  }

  it("makes the developer cohort 12 weeks, 1:1, matched both ways, with a GROW goal question", () => {
    const template = findTemplate("developer-cohort")!;
    const settings = settingsFromTemplate(template, "Spring cohort", "2026-01-05");
    expect(settings).toMatchObject({
      name: "Spring cohort",
      type: "one_to_one",
      startsOn: "2026-01-05",
      endsOn: "2026-03-30",
      matchingMode: "both",
      rolesOffered: ["mentee", "mentor"],
    });
    expect(settings.registrationForm.map((question) => question.id)).toContain("grow_goal");
  });

  it("leaves a cohort's dates empty when no start date is given yet", () => {
    const settings = settingsFromTemplate(findTemplate("coaching")!, "Coaching", null);
    expect([settings.startsOn, settings.endsOn]).toEqual([null, null]);
  });

  it("hands out copies: changing a programme's settings never changes the template", () => {
    const template = findTemplate("peer-circles")!;
    const settings = settingsFromTemplate(template, "Circles", "2026-01-05");
    settings.registrationForm[0].label = "Changed";
    settings.rolesOffered.push("mentee");
    expect(template.settings.registrationForm[0].label).not.toBe("Changed");
    expect(template.settings.rolesOffered).toEqual(["both"]);
  });

  it("knows no template by an unknown id", () => {
    expect(findTemplate("speed-dating")).toBeUndefined();
  });
});
