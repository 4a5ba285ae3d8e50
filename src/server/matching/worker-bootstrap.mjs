// Entry of every matching worker when running from TypeScript sources (tsx, vitest): Node 20
// does not pass `--import tsx` on to worker threads, so register tsx's loader here, then load the
// real worker module named in argv.
import { register } from "tsx/esm/api";

register();
await import(process.argv[2]);
