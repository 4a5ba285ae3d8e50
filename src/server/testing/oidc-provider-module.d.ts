// oidc-provider (a test dependency: the real OpenID provider of the SSO tests) ships no types.
declare module "oidc-provider";
