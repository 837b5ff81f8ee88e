// The builds `make bench-deps` (bench/deps.mjs) looks into, made from the release artifacts with
// the same tools and flags as `make build` (wasm-pack = cargo build --release, then wasm-bindgen
// --target web, then wasm-opt with the flags of Cargo.toml's [package.metadata.wasm-pack.profile.release]):
// - the names build: the same pipeline with `--debuginfo` added to wasm-opt, so the "name"
//   section stays (function and data segment names). Its code is the shipped code byte for byte:
//   bench/deps.mjs checks that it is pkg/anytype_auth_bg.wasm plus a name section;
// - the no-inline build: the names build with `--no-inline=*` first, so wasm-opt inlines no
//   function into another (rustc's own inlining stays); a little larger, but every function
//   rustc emitted keeps its name;
// - the talc build: the crate copied to target/bench-deps/talc/ with `talc = "5"` as its global
//   allocator instead of Rust's default (dlmalloc on wasm32), then the names build of that.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where `make build` leaves cargo's release wasm (Makefile: RELEASE_TARGET_DIR). */
export const RELEASE_ARTIFACT = join(root, 'target', 'release-wasm', 'wasm32-unknown-unknown', 'release', 'anytype_auth.wasm');
/** Everything bench-deps writes (git-ignored, under target/). */
export const WORK_DIR = join(root, 'target', 'bench-deps');

const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });

/** wasm-opt's flags for the release build, as Cargo.toml gives them to wasm-pack. */
export function releaseWasmOptFlags(cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8')) {
  const section = cargoToml.split('[package.metadata.wasm-pack.profile.release]')[1];
  const line = section?.match(/^\s*wasm-opt\s*=\s*(\[[^\]]*\])/m)?.[1];
  if (!line) throw new Error('Cargo.toml has no wasm-opt = [...] under [package.metadata.wasm-pack.profile.release]');
  return JSON.parse(line);
}

/**
 * wasm-bindgen --target web over the cargo artifact `wasm`, then wasm-opt with the release flags
 * plus `--debuginfo` (and `extraFirst` before them); writes `<outDir>/<name>.wasm` and returns its path.
 */
export function namesBuild(wasm, outDir, name, extraFirst = []) {
  const bindgenDir = join(outDir, `${name}-bindgen`);
  rmSync(bindgenDir, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', bindgenDir, '--out-name', 'anytype_auth', wasm]);
  const out = join(outDir, `${name}.wasm`);
  run('wasm-opt', [...extraFirst, ...releaseWasmOptFlags(), '--debuginfo', join(bindgenDir, 'anytype_auth_bg.wasm'), '-o', out]);
  return out;
}

/** The release wasm of the crate with talc as its global allocator (cargo's artifact, before wasm-bindgen). */
export function talcArtifact() {
  const crate = join(WORK_DIR, 'talc');
  for (const dir of ['src', 'js']) rmSync(join(crate, dir), { recursive: true, force: true });
  mkdirSync(crate, { recursive: true });
  for (const file of ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml']) cpSync(join(root, file), join(crate, file));
  for (const dir of ['src', 'js']) cpSync(join(root, dir), join(crate, dir), { recursive: true }); // js/: wasm-bindgen snippets
  const header = `[target.'cfg(target_arch = "wasm32")'.dependencies]\n`;
  const manifest = readFileSync(join(crate, 'Cargo.toml'), 'utf8');
  if (!manifest.includes(header)) throw new Error(`Cargo.toml has no ${header.trim()} section`);
  writeFileSync(join(crate, 'Cargo.toml'), manifest.replace(header, `${header}talc = "5"\n`));
  const lib = join(crate, 'src', 'lib.rs');
  writeFileSync(
    lib,
    readFileSync(lib, 'utf8') +
      '\n#[cfg(target_arch = "wasm32")]\n#[global_allocator]\nstatic ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();\n',
  );
  const env = { ...process.env, CARGO_TARGET_DIR: join(WORK_DIR, 'cargo') };
  const resolve = ['metadata', '--quiet', '--format-version', '1'];
  try {
    run('cargo', [...resolve, '--offline'], { cwd: crate, env, stdio: 'ignore' }); // talc from cargo's local cache, when it is there
  } catch {
    run('cargo', resolve, { cwd: crate, env, stdio: ['ignore', 'ignore', 'inherit'] }); // else from the registry
  }
  run('cargo', ['build', '--quiet', '--lib', '--release', '--target', 'wasm32-unknown-unknown'], { cwd: crate, env });
  const artifact = join(WORK_DIR, 'cargo', 'wasm32-unknown-unknown', 'release', 'anytype_auth.wasm');
  if (!existsSync(artifact)) throw new Error(`${artifact} is missing after cargo build`);
  return artifact;
}
