import type { ServerDeps } from "../deps.ts";

/**
 * Work a request starts but does not wait for, kept per app (per deps) so tests and shutdown can
 * wait for it. Used where waiting would tell the caller something: a password-reset request for
 * a known address must not take longer than one for an unknown address.
 */
const pending = new WeakMap<ServerDeps, Set<Promise<void>>>();

/**
 * Starts `task` after the answer has gone, at a random moment within `jitterMs`: the work still
 * costs the database time, and starting it at once would slow the caller's very next request,
 * telling them (by that request's time) what the previous one found.
 */
export function runAfterResponse(
  deps: ServerDeps,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
  options: { jitterMs?: number } = {},
): void {
  const tasks = pending.get(deps) ?? new Set<Promise<void>>();
  pending.set(deps, tasks);
  const delay = Math.random() * (options.jitterMs ?? 0);
  const running: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, delay))
    .then(task)
    .catch(onError)
    .finally(() => tasks.delete(running));
  tasks.add(running);
}

/** Resolves once every task started so far (and any they started) has finished, then mail is idle. */
export async function afterResponseSettled(deps: ServerDeps): Promise<void> {
  const tasks = pending.get(deps);
  while (tasks && tasks.size > 0) await Promise.all([...tasks]);
  await deps.mailer.idle();
}
