// The in-process CPU flows: the key BENCH_CPU_FLOWS picks each by, the name its figures and profile carry.
export const CPU_FLOWS = { checkout: "checkout", webhook: "webhook order", cart: "cart read" } as const;

export type CpuFlowKey = keyof typeof CPU_FLOWS;
export type CpuFlowName = (typeof CPU_FLOWS)[CpuFlowKey];

export function cpuFlowKey(name: string): CpuFlowKey {
  const key = (Object.keys(CPU_FLOWS) as CpuFlowKey[]).find((candidate) => CPU_FLOWS[candidate] === name);
  if (!key) throw new Error(`Unknown CPU flow "${name}"`);
  return key;
}

/** The file a flow's profile is written to under BENCH_CPU_PROFILE_DIR. */
export function cpuProfileFile(name: string): string {
  return `${name.replaceAll(" ", "-")}.cpuprofile`;
}
