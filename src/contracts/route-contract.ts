import type { z } from "zod";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Who may call a route: anyone, any signed-in person, or a member of the org in the path. */
export type Access = "public" | "signed-in" | "org-member" | "org-admin";

export interface RouteContract {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  status: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

export function route<const T extends RouteContract>(contract: T): T {
  return contract;
}
