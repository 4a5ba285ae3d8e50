/** The pure time core of sessions: ranges, zones, availability, slot finding and recurrence. */
export * from "./availability.ts";
export * from "./ranges.ts";
export * from "./recurrence.ts";
export * from "./slots.ts";
export * from "./zones.ts";
