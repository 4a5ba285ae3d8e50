import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People the provider knows, by login name (its sub unless given). */
  accounts: Map<string, TestAccount>;
  /**
   * Who signs in at the next interaction when `autoLogin` is on (integration tests); off, the
   * provider's own login and consent pages are shown (the browser test).
   */
  signInAs: string | null;
  /** Registers our redirect URI (known once Trellis listens). */
  allowRedirect(uri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on a loopback port, with one confidential client. With
 * `autoLogin`, interactions finish at once as `signInAs` (login and consent to openid email
 * profile); otherwise its development login and consent pages run.
 */
export async function startOidcProvider(options: { autoLogin: boolean }): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>();
  const redirectUris: string[] = [];
  let provider: InstanceType<typeof Provider> | null = null;
  const state: TestOidcProvider = {
    issuer: "",
    clientId: "trellis",
    clientSecret: "trellis-test-client-secret-0123456789",
    accounts,
    signInAs: null,
    allowRedirect(uri) {
      if (!redirectUris.includes(uri)) redirectUris.push(uri);
      provider = build();
    },
    close: async () => {},
  };

  const build = () => {
    const built = new Provider(state.issuer, {
      clients: [
        {
          client_id: state.clientId,
          client_secret: state.clientSecret,
          redirect_uris: [...redirectUris],
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      // Scope claims in the ID token (what openid-client's claims() reads).
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ["test-cookie-key-for-oidc-provider"] },
      findAccount: async (_ctx: unknown, id: string) => {
        const account = [...accounts.values()].find((candidate) => candidate.sub === id);
        if (!account) return undefined;
        return { accountId: id, claims: async () => ({ ...account }) };
      },
    });
    // Dev login page: any login name that we know, password ignored.
    built.on("server_error", (_ctx: unknown, error: Error) => console.error("[oidc-provider]", error));
    return built;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!provider) {
      response.statusCode = 503;
      response.end();
      return;
    }
    const match = request.url?.match(/^\/interaction\/([^/?]+)$/);
    if (options.autoLogin && match && request.method === "GET") {
      const details = await provider.interactionDetails(request, response);
      const account = state.signInAs ? accounts.get(state.signInAs) : undefined;
      if (!account) {
        await provider.interactionFinished(request, response, { error: "access_denied" });
        return;
      }
      const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
      grant.addOIDCScope("openid email profile");
      const grantId = await grant.save();
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: account.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    provider.callback()(request, response);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error("[oidc-provider]", error);
      response.statusCode = 500;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = build();
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/**
 * A small browser: follows redirects by hand with one cookie jar per host, and stops at a
 * location matching `stopAt` (answering that URL unfollowed).
 */
export function cookieBrowser() {
  const jar = new Map<string, Map<string, string>>();
  const cookiesFor = (url: URL) => {
    const cookies = jar.get(url.host);
    return cookies ? [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") : "";
  };
  const keep = (url: URL, response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = (pair as string).indexOf("=");
      const name = (pair as string).slice(0, at).trim();
      const value = (pair as string).slice(at + 1).trim();
      const cookies = jar.get(url.host) ?? new Map<string, string>();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
      jar.set(url.host, cookies);
    }
  };
  return {
    jar,
    cookieHeader: (url: string) => cookiesFor(new URL(url)),
    async request(url: string, init: RequestInit = {}): Promise<Response> {
      const target = new URL(url);
      const headers = new Headers(init.headers);
      const cookie = cookiesFor(target);
      if (cookie) headers.set("cookie", cookie);
      const response = await fetch(target, { ...init, headers, redirect: "manual" });
      keep(target, response);
      return response;
    },
    /** GETs `url` and follows redirects until one matches `stopAt` or a non-redirect answer; returns the visited URLs. */
    async follow(
      url: string,
      stopAt?: (location: string) => boolean,
    ): Promise<{ visited: string[]; last: Response }> {
      const visited: string[] = [url];
      let current = url;
      for (let hops = 0; hops < 20; hops += 1) {
        const response = await this.request(current);
        const location = response.headers.get("location");
        if (response.status < 300 || response.status >= 400 || !location) return { visited, last: response };
        const next = new URL(location, current).href;
        visited.push(next);
        if (stopAt?.(next)) return { visited, last: response };
        current = next;
      }
      throw new Error(`too many redirects: ${visited.join(" -> ")}`);
    },
  };
}
