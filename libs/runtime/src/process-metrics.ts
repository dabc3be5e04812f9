import { memoryUsage } from 'node:process';

/**
 * The process's memory as Prometheus gauges, in the names Node's usual exporters give them,
 * so that an operator's dashboards read them as they read any Node service's. The resident
 * set is what the machine gives the process; the V8 heap in use is what its live objects
 * need at the last GC, and the heap total what V8 has reserved for them: the gap between the
 * three says whether memory is held by data (caches, a rebuild's documents) or only not yet
 * returned.
 */
export function processMemoryMetrics(): string {
  const memory = memoryUsage();
  const gauge = (name: string, help: string, value: number) => [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
  return `${[
    ...gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', memory.rss),
    ...gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', memory.heapTotal),
    ...gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', memory.heapUsed),
    ...gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', memory.external),
    ...gauge('nodejs_array_buffers_bytes', 'Memory of ArrayBuffers and SharedArrayBuffers in bytes (part of external).', memory.arrayBuffers),
  ].join('\n')}\n`;
}
