import { defineConfig } from "drizzle-kit";

// The original tables live in schema.ts; each later feature keeps its tables in
// src/db/schema/<feature>.ts, importing what it references from schema.ts (never the reverse).
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/db/schema.ts", "./src/db/schema/*.ts"],
  out: "./src/db/migrations",
});
