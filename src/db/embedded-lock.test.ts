import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acquireDataFolderLock,
  bootId,
  DataFolderInUseError,
  parseLockFile,
  processStartTime,
} from "./embedded-lock.ts";

const onLinux = processStartTime(process.pid) !== null;

describe("the data folder lock", () => {
  let dir: string;
  let sleeper: ChildProcess;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "trellis-lock-"));
    // A live process that is not a Trellis server: the pid a restarted container hands out again.
    sleeper = spawn("sleep", ["600"], { stdio: "ignore" });
  });
  afterAll(() => {
    sleeper.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const lockPath = () => join(dir, "trellis.lock");

  it("records the holder's pid, start time and boot id, and removes the file on release", () => {
    const release = acquireDataFolderLock(dir);
    const holder = parseLockFile(readFileSync(lockPath(), "utf8"));
    expect(holder?.pid).toBe(process.pid);
    if (onLinux) {
      expect(holder?.startTime).toBe(processStartTime(process.pid));
      expect(holder?.bootId).toBe(bootId());
    }
    release();
    expect(() => readFileSync(lockPath())).toThrow();
  });

  it.runIf(onLinux)("takes over a lock naming a live pid whose start time differs (a reused pid)", () => {
    const pid = sleeper.pid as number;
    const realStart = processStartTime(pid) as string;
    const otherStart = String(Number(realStart) - 12_345);
    writeFileSync(lockPath(), JSON.stringify({ pid, startTime: otherStart, bootId: bootId() }));
    const release = acquireDataFolderLock(dir);
    expect(parseLockFile(readFileSync(lockPath(), "utf8"))?.pid).toBe(process.pid);
    release();
  });

  it.runIf(onLinux)("takes over a lock written before the last boot, even if its pid is alive", () => {
    const pid = sleeper.pid as number;
    writeFileSync(
      lockPath(),
      JSON.stringify({
        pid,
        startTime: processStartTime(pid),
        bootId: "00000000-0000-0000-0000-000000000000",
      }),
    );
    acquireDataFolderLock(dir)();
  });

  it.runIf(onLinux)("refuses while the recorded holder genuinely runs", () => {
    const pid = sleeper.pid as number;
    writeFileSync(lockPath(), JSON.stringify({ pid, startTime: processStartTime(pid), bootId: bootId() }));
    expect(() => acquireDataFolderLock(dir)).toThrow(DataFolderInUseError);
    rmSync(lockPath());
  });

  it("an old-format lock (a bare pid) still refuses while that pid lives, and is taken over once it is gone", () => {
    writeFileSync(lockPath(), String(sleeper.pid));
    expect(() => acquireDataFolderLock(dir)).toThrow(DataFolderInUseError);
    writeFileSync(lockPath(), "2147483646");
    acquireDataFolderLock(dir)();
  });
});
