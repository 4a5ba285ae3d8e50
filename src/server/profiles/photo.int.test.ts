import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileInput } from "../../contracts/profiles.ts";
import type { OrgId, UserId } from "../../core/accounts/types.ts";
import { addPeople, createProgramme, signInFixture } from "../testing/programme-fixtures.ts";
import { profileSamples } from "../testing/samples/profiles.samples.ts";
import {
  type Caller,
  createSecondOrganisation,
  createTestApp,
  setUpOwner,
  type TestApp,
} from "../testing/test-app.ts";
import { gifStandIn, jpegStandIn, pngImage, pngOfSize, webpStandIn } from "./test-images.ts";

const MB = 1024 * 1024;

describe("profile photos", () => {
  let t: TestApp;
  let owner: Caller;
  let orgId: OrgId;
  let ids: Record<string, UserId>;
  let ana: Caller;
  let pete: Caller;
  let olga: Caller;
  let orgB: OrgId;
  let ownerB: Caller;

  const upload = (
    caller: Caller | null,
    body: Buffer | string,
    contentType: string | null,
    options: { csrf?: string | null; org?: string } = {},
  ) =>
    t.app.inject({
      method: "PUT",
      url: `/api/orgs/${options.org ?? orgId}/profile/photo`,
      headers: {
        ...(caller ? { cookie: caller.cookie } : {}),
        ...(caller && options.csrf !== null ? { "x-csrf-token": options.csrf ?? caller.me.csrfToken } : {}),
        ...(contentType ? { "content-type": contentType } : {}),
      },
      payload: body,
    });
  const photoOf = (caller: Caller, userId: string, org: string = orgId) =>
    t.app.inject({ method: "GET", url: `/api/orgs/${org}/people/${userId}/photo`, headers: caller.headers });
  const remove = (caller: Caller) =>
    t.app.inject({ method: "DELETE", url: `/api/orgs/${orgId}/profile/photo`, headers: caller.headers });
  const expectRefusal = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await setUpOwner(t.app);
    orgId = owner.me.currentOrgId as OrgId;
    const cohort = await createProgramme(t, orgId);
    ids = {
      ...(await addPeople(t, orgId, cohort.id, [
        { email: "ana@acme.test", role: "mentor" },
        { email: "pete@acme.test", role: "mentee" },
      ])),
      ...(await addPeople(t, orgId, null, [{ email: "olga@acme.test" }])),
    };
    ana = await signInFixture(t, "ana@acme.test");
    pete = await signInFixture(t, "pete@acme.test");
    olga = await signInFixture(t, "olga@acme.test");
    const b = await createSecondOrganisation(t);
    orgB = b.orgId;
    ownerB = b.owner;
  });
  afterAll(() => t.close());

  it("a PNG is stored and served back byte for byte, privately, with its type and nosniff", async () => {
    const png = pngImage(16);
    expect(png.includes(0), "an image holds NUL bytes, which the text guard must not refuse").toBe(true);
    const response = await upload(ana, png, "image/png");
    expect(response.statusCode, response.body).toBe(200);
    const photo = response.json();
    expect(photo).toMatchObject({ contentType: "image/png", updatedAt: expect.any(String) });
    expect(photo.url).toMatch(
      new RegExp(`^/api/orgs/${orgId}/people/${ids["ana@acme.test"]}/photo\\?v=\\d+$`),
    );

    const mine = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/profile`,
      headers: ana.headers,
    });
    expect(mine.json().photo).toEqual(photo);

    const served = await t.app.inject({ method: "GET", url: photo.url, headers: olga.headers });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.headers["cache-control"]).toContain("private");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.rawPayload.equals(png)).toBe(true);
  });

  it("JPEG and WebP are accepted too, and replace the photo", async () => {
    for (const [bytes, type] of [
      [jpegStandIn, "image/jpeg"],
      [webpStandIn, "image/webp"],
    ] as const) {
      const response = await upload(ana, bytes, type);
      expect(response.statusCode, response.body).toBe(200);
      const served = await photoOf(pete, ids["ana@acme.test"]);
      expect(served.headers["content-type"]).toBe(type);
      expect(served.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it("an image of exactly 2 MB is accepted; 3 MB is 413 payload_too_large, and nothing changes", async () => {
    expect((await upload(pete, pngOfSize(2 * MB), "image/png")).statusCode).toBe(200);
    const before = (await photoOf(pete, ids["pete@acme.test"])).rawPayload;
    const tooLarge = await upload(pete, pngOfSize(3 * MB), "image/png");
    expectRefusal(tooLarge, 413, "payload_too_large");
    expect(tooLarge.json().error.message).toMatch(/2 MB/);
    expectRefusal(await upload(pete, pngOfSize(2 * MB + 1), "image/png"), 413, "payload_too_large");
    expect((await photoOf(pete, ids["pete@acme.test"])).rawPayload.equals(before)).toBe(true);
  });

  it("bytes that are not the declared type are 415 unsupported_media_type", async () => {
    const png = pngImage(4);
    const cases: [Buffer | string, string][] = [
      [png, "image/jpeg"], // a PNG declared as JPEG
      [png, "image/webp"],
      [jpegStandIn, "image/png"],
      [gifStandIn, "image/png"], // a GIF dressed up as PNG
      [Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/png"],
    ];
    for (const [body, type] of cases) {
      const response = await upload(olga, body, type);
      expectRefusal(response, 415, "unsupported_media_type");
    }
    const declaredWrong = await upload(olga, png, "image/jpeg");
    expect(declaredWrong.json().error.message).toBe("The file is a PNG image but was sent as image/jpeg.");
  });

  it("other media types are 415 with the envelope: a GIF, SVG, JSON, text, or no type at all", async () => {
    const cases: [Buffer | string, string | null][] = [
      [gifStandIn, "image/gif"],
      ["<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"],
      [JSON.stringify({ photo: "data:image/png;base64,AAAA" }), "application/json"],
      ["hello", "text/plain"],
      [pngImage(2), "application/octet-stream"],
      [pngImage(2), null],
    ];
    for (const [body, type] of cases) {
      const response = await upload(olga, body, type);
      expect(response.statusCode, `${type}: ${response.body}`).toBe(415);
      expect(response.json().error.code).toBe("unsupported_media_type");
      expect(response.json().error.message).toMatch(/PNG, JPEG or WebP/);
    }
    expect((await photoOf(olga, ids["olga@acme.test"])).statusCode, "nothing stored").toBe(404);
  });

  it("an empty body is a 400 on body", async () => {
    const response = await upload(olga, Buffer.alloc(0), "image/png");
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([expect.objectContaining({ path: "body" })]);
  });

  it("needs the session's CSRF token, checked before the body is read (even a 3 MB one)", async () => {
    for (const csrf of [null, "wrong-token"]) {
      expectRefusal(await upload(olga, pngImage(2), "image/png", { csrf }), 403, "csrf_failed");
      expectRefusal(await upload(olga, pngOfSize(3 * MB), "image/png", { csrf }), 403, "csrf_failed");
    }
    expectRefusal(await upload(null, pngImage(2), "image/png"), 401, "not_signed_in");
    expect((await photoOf(olga, ids["olga@acme.test"])).statusCode).toBe(404);
  });

  it("the photo follows the visibility of the About section", async () => {
    const setAbout = async (about: string) => {
      const response = await t.app.inject({
        method: "PUT",
        url: `/api/orgs/${orgId}/profile`,
        headers: ana.headers,
        payload: { ...(profileSamples.updateMyProfile as ProfileInput), visibility: { about } },
      });
      expect(response.statusCode).toBe(200);
    };
    const anaId = ids["ana@acme.test"];
    await setAbout("programme");
    expect((await photoOf(pete, anaId)).statusCode, "shares a programme").toBe(200);
    expect((await photoOf(olga, anaId)).statusCode, "shares none").toBe(404);
    expect((await photoOf(owner, anaId)).statusCode, "admin").toBe(200);
    await setAbout("admins");
    expect((await photoOf(pete, anaId)).statusCode).toBe(404);
    expect((await photoOf(owner, anaId)).statusCode).toBe(200);
    expect((await photoOf(ana, anaId)).statusCode, "the owner").toBe(200);
    // The hidden photo's 404 is the same as no photo at all.
    expect((await photoOf(pete, anaId)).json().error.message).toBe(
      (await photoOf(pete, ids["olga@acme.test"])).json().error.message,
    );
    await setAbout("organisation");
    expect((await photoOf(olga, anaId)).statusCode).toBe(200);
  });

  it("DELETE removes the photo (204), then there is none (404)", async () => {
    expect((await remove(ana)).statusCode).toBe(204);
    expect((await photoOf(pete, ids["ana@acme.test"])).statusCode).toBe(404);
    const mine = await t.app.inject({
      method: "GET",
      url: `/api/orgs/${orgId}/profile`,
      headers: ana.headers,
    });
    expect(mine.json().photo).toBeNull();
    expectRefusal(await remove(ana), 404, "not_found");
  });

  it("another organisation: no photo of theirs through our path, none of ours through theirs, no uploads (404)", async () => {
    const bea = (await addPeople(t, orgB, null, [{ email: "bea@beta.test" }]))["bea@beta.test"];
    const beaCaller = await signInFixture(t, "bea@beta.test");
    expect((await upload(beaCaller, pngImage(2), "image/png", { org: orgB })).statusCode).toBe(200);
    expect((await photoOf(owner, bea)).statusCode).toBe(404);
    expect((await photoOf(owner, bea, orgB)).statusCode).toBe(404);
    expect((await photoOf(ownerB, ids["pete@acme.test"], orgB)).statusCode).toBe(404);
    expect((await photoOf(ownerB, ids["pete@acme.test"])).statusCode).toBe(404);
    expectRefusal(await upload(ownerB, pngImage(2), "image/png"), 404, "not_found");
    expect((await photoOf(ownerB, bea, orgB)).statusCode).toBe(200);
  });
});
