// Types of build-server.mjs (plain JavaScript so bin/trellis.js can run it without tsx).
export declare const projectRoot: string;
export declare const serverBuildDir: string;
export declare function isServerBuildStale(): boolean;
export declare function buildServer(): Promise<{ modules: number }>;
