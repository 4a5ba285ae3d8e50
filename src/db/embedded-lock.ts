import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is already in use by another Trellis process (pid ${pid}). ` +
        "Stop that process first, or point TRELLIS_DATA_DIR at another folder. To run several " +
        "instances on one database, use a PostgreSQL server via DATABASE_URL.",
    );
  }
}

/**
 * Who holds a lock: a process id alone is not enough, because ids are reused (in a container the
 * server is often pid 1 or 7 on every start, so a lock left by a killed server names a live,
 * unrelated process). The start time (field 22 of /proc/<pid>/stat, in clock ticks since boot)
 * and the boot id tell one process from a later one with the same id. Both are null where there
 * is no /proc (macOS); there only the pid is compared.
 */
export interface LockHolder {
  pid: number;
  startTime: string | null;
  bootId: string | null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat, or null. The name (field 2) may hold spaces and parentheses. */
export function processStartTime(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // afterName[0] is field 3 (state), so field 22 is at index 19.
  return afterName[19] ?? null;
}

export function bootId(): string | null {
  return readOrNull("/proc/sys/kernel/random/boot_id")?.trim() || null;
}

export function currentHolder(pid = process.pid): LockHolder {
  return { pid, startTime: processStartTime(pid), bootId: bootId() };
}

/** A lockfile's holder: JSON since the start time was recorded, a bare pid before. */
export function parseLockFile(text: string): LockHolder | null {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed === "number") return { pid: parsed, startTime: null, bootId: null };
    if (parsed && Number.isInteger(parsed.pid)) {
      return {
        pid: parsed.pid as number,
        startTime: parsed.startTime ?? null,
        bootId: parsed.bootId ?? null,
      };
    }
  } catch {
    // Not JSON: fall through to a bare pid.
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) ? { pid, startTime: null, bootId: null } : null;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process that wrote a lock still runs: same boot, pid alive, and (where both are
 * known) the same start time. A different boot or start time means the pid was reused.
 */
export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return false;
  const now = bootId();
  if (holder.bootId && now && holder.bootId !== now) return false;
  if (!isProcessAlive(holder.pid)) return false;
  if (holder.startTime) {
    const startTime = processStartTime(holder.pid);
    if (startTime && startTime !== holder.startTime) return false;
  }
  return true;
}

function writeNew(path: string, content: string, flags: "w" | "wx"): void {
  const fd = openSync(path, flags);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/** Hard-links the written lock into place; where the file system has no hard links, creates it. */
function placeLock(pendingPath: string, lockPath: string, content: string): void {
  try {
    linkSync(pendingPath, lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    writeNew(lockPath, content, "wx");
  }
}

/**
 * Holds `<dataDir>/trellis.lock` for as long as this process uses the embedded database.
 * PGlite does not lock its folder, and two processes writing one folder corrupt it. A lock left
 * behind by a process that died (or whose pid now belongs to another process) is taken over.
 * The lockfile appears whole (written aside, then hard-linked into place), so a second process
 * never reads a half-written one.
 */
export function acquireDataFolderLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, "trellis.lock");
  const pendingPath = join(dataDir, `trellis.lock.${process.pid}.${Date.now()}`);
  const content = JSON.stringify(currentHolder());
  writeNew(pendingPath, content, "w");
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        placeLock(pendingPath, lockPath, content);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = parseLockFile(readOrNull(lockPath) ?? "");
        if (holder && holderIsAlive(holder)) throw new DataFolderInUseError(dataDir, holder.pid);
        rmSync(lockPath, { force: true });
      }
    }
  } finally {
    rmSync(pendingPath, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
