#!/usr/bin/env node
// Run after `npm install` when the registry mirror hides other platforms' optional binaries:
// npm then leaves them out of package-lock.json and `npm ci` refuses the lockfile. This records them
// as optional, platform-bound entries, so `npm ci` skips them exactly as it would on the public registry.

import { readFileSync, writeFileSync } from "node:fs";
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const pkgs = lock.packages;
let added = 0;
const platformOf = (name) => {
  const n = name.split("/").pop();
  const os = ["android", "darwin", "freebsd", "linux", "win32", "openbsd", "netbsd", "sunos", "aix", "wasm32", "openharmony"].find((o) => n.includes(o));
  const cpu = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el", "wasm32"].find((c) => n.includes(c));
  return { os, cpu };
};
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : path + "/";
    const candidates = [`${base}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => pkgs[c])) continue;
    const { os, cpu } = platformOf(dep);
    if (!os && !cpu) continue;
    pkgs[`node_modules/${dep}`] = { version, optional: true, ...(os && os !== "wasm32" ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
    added++;
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log("added", added);
