// npm run fuzz: lint N hostile workspaces (default 10,000) in-process with the built bundle and report
// crashes (exit codes other than 0/1/2, "internal error", unparsable JSON), slow runs and duplicate
// findings. A run is slow when it takes longer than FUZZ_SLOW_MS (default 10 s) plus FUZZ_SLOW_MS_PER_MB
// (default 5 s) for each MB of input: the time allowed grows linearly with the input. FUZZ_RUNS and
// FUZZ_SEED change the other defaults. Interrupted (Ctrl-C, SIGTERM), it prints what it found so far.
import fc from 'fast-check';
import { run } from '../dist/bundle/ismslint.js';
import { contractViolation, hostileWorkspaceOf, writeCase } from '../test/support/hostile.js';

const hostileWorkspace = hostileWorkspaceOf(true);

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const slowMs = Number(process.env.FUZZ_SLOW_MS ?? 10_000);
const slowMsPerMb = Number(process.env.FUZZ_SLOW_MS_PER_MB ?? 5_000);

const counts = { cases: 0, crashes: 0, duplicates: 0, slow: 0, exit: { 0: 0, 1: 0, 2: 0 } };
const examples = [];
let slowest = { ms: 0, what: '' };
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`interrupted after ${counts.cases} of ${runs} cases`);
    summary();
    process.exit(process.exitCode ?? 1);
  });
}
const started = performance.now();

// Cases are drawn in batches (each from its own seed), so memory holds 100 of them, not all.
function* cases() {
  for (let batch = 0; batch * 100 < runs; batch++) yield* fc.sample(hostileWorkspace, { numRuns: Math.min(100, runs - batch * 100), seed: seed + batch });
}

for (const c of cases()) {
  // Yield to the event loop once per case, so that an interrupting signal is handled.
  await new Promise((resolve) => setImmediate(resolve));
  const { dir, args, cleanup } = writeCase(c);
  let stdout = '';
  let stderr = '';
  const io = { cwd: dir, env: {}, isTTY: false, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const t0 = performance.now();
  let code;
  try {
    code = await run(args, io);
  } catch (e) {
    code = -1;
    stderr = `internal error: threw ${e?.stack ?? e}`;
  }
  const ms = performance.now() - t0;
  cleanup();
  counts.cases++;
  if (code in counts.exit) counts.exit[code]++;
  const what = JSON.stringify({
    format: c.format,
    target: c.target,
    sql: c.sql.map((s) => [s.name, s.input.mutations, s.input.bytes.length]),
    schemaJson: c.schemaJson && [c.schemaJson.mutations, c.schemaJson.bytes.length],
    config: c.config?.mutations,
  });
  if (ms > slowest.ms) slowest = { ms, what };
  const bytes = c.sql.reduce((n, x) => n + x.input.bytes.length, 0) + (c.schemaJson?.bytes.length ?? 0) + (c.config?.bytes.length ?? 0);
  if (ms > slowMs + (slowMsPerMb * bytes) / 1e6) {
    counts.slow++;
    if (examples.length < 20) examples.push(`slow (${ms.toFixed(0)} ms for ${(bytes / 1e6).toFixed(2)} MB): ${what}`);
  }
  const broken = contractViolation({ code, stdout, stderr }, c.format);
  if (broken) {
    if (broken.startsWith('duplicate')) counts.duplicates++;
    else counts.crashes++;
    if (examples.length < 20) examples.push(`${broken}\n    case: ${what}`);
  }
  if (counts.cases % 250 === 0)
    console.error(`${counts.cases}/${runs} cases, ${((performance.now() - started) / 1000).toFixed(0)} s: ${counts.crashes} crashes, ${counts.duplicates} duplicates, ${counts.slow} slow`);
}

summary();

function summary() {
  console.log(`seed ${seed}: ${counts.cases} cases in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  console.log(`exit codes: 0 ×${counts.exit[0]}, 1 ×${counts.exit[1]}, 2 ×${counts.exit[2]}`);
  console.log(`crashes: ${counts.crashes}, duplicates: ${counts.duplicates}, slow runs (over ${slowMs} ms + ${slowMsPerMb} ms per MB): ${counts.slow}`);
  console.log(`slowest: ${slowest.ms.toFixed(0)} ms ${slowest.what}`);
  for (const e of examples) console.log(`- ${e}`);
  process.exitCode = counts.crashes + counts.duplicates + counts.slow > 0 ? 1 : 0;
}
