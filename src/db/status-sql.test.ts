import { PgDialect } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LIVE_RELATIONSHIP_STATUSES } from "../core/relationships/relationship-status.ts";
import { OPEN_REQUEST_STATUSES } from "../core/requests/request-status.ts";
import { statusList } from "./status-sql.ts";

const text = (list: ReturnType<typeof statusList>) => new PgDialect().sqlToQuery(sql`status in (${list})`);

describe("statusList", () => {
  it("writes core's lists as the literals the migrations' partial indexes hold (no parameters)", () => {
    // migration 0001: relationships_live_pair_key and requests_open_pair_key
    expect(text(statusList(LIVE_RELATIONSHIP_STATUSES))).toEqual({
      sql: "status in ('proposed', 'active', 'paused')",
      params: [],
    });
    expect(text(statusList(OPEN_REQUEST_STATUSES))).toEqual({
      sql: "status in ('pending', 'needs_info')",
      params: [],
    });
  });

  it("refuses anything but a plain status identifier, and an empty list", () => {
    expect(() => statusList(["active'; drop table users; --"])).toThrow(/Not a status identifier/);
    expect(() => statusList([])).toThrow(/at least one/);
  });
});
