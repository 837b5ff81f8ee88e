// Where things are in a .wasm file, for `make bench-deps` (bench/deps.mjs): the byte range of
// every function body, function import and data segment, and the names the "name" custom section
// gives them. Only what the dependency table needs is read; anything else is skipped by length.

/** Reads the module's sections; returns the layout described in {@link wasmLayout}. */
function sections(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a wasm module');
  let at = 8;
  const uleb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const name = () => {
    const length = uleb();
    const text = bytes.toString('utf8', at, at + length);
    at += length;
    return text;
  };
  /** Skips a constant expression (a data segment's offset): i32.const/global.get, then end. */
  const constExpr = () => {
    while (bytes[at] !== 0x0b) {
      const op = bytes[at++];
      if (op === 0x41 || op === 0x42 || op === 0x23) {
        while (bytes[at++] & 0x80);
      } else {
        throw new Error(`unexpected opcode 0x${op.toString(16)} in a constant expression`);
      }
    }
    at++;
  };
  const layout = { imports: [], bodies: [], data: [], functionNames: new Map(), dataNames: new Map(), nameSection: null };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = uleb();
    const end = at + size;
    if (id === 2) {
      for (let i = 0, n = uleb(); i < n; i++) {
        const from = at;
        const module = name();
        const field = name();
        const kind = bytes[at++];
        if (kind === 0) uleb(); // a function: its type index
        else if (kind === 1) (at++, bytes[at++] & 1 ? (uleb(), uleb()) : uleb()); // a table: reftype, limits
        else if (kind === 2) (bytes[at++] & 1 ? (uleb(), uleb()) : uleb()); // a memory: limits
        else if (kind === 3) at += 2; // a global: valtype, mutability
        else throw new Error(`import kind ${kind}`);
        if (kind === 0) layout.imports.push({ module, field, from, to: at });
      }
    } else if (id === 10) {
      for (let i = 0, n = uleb(); i < n; i++) {
        const length = uleb();
        layout.bodies.push({ from: at, to: at + length });
        at += length;
      }
    } else if (id === 11) {
      for (let i = 0, n = uleb(); i < n; i++) {
        const flags = uleb();
        if (flags === 2) uleb();
        if (flags !== 1) constExpr();
        const length = uleb();
        layout.data.push({ from: at, to: at + length });
        at += length;
      }
    } else if (id === 0 && name() === 'name') {
      layout.nameSection = { from: start, to: end };
      while (at < end) {
        const kind = bytes[at++];
        const subEnd = uleb() + at;
        const map = kind === 1 ? layout.functionNames : kind === 9 ? layout.dataNames : null;
        if (map) for (let i = 0, n = uleb(); i < n; i++) map.set(uleb(), name());
        at = subEnd;
      }
    }
    at = end;
  }
  return layout;
}

/**
 * The layout of `bytes` (a Buffer): `items`, one per function import, function body and data
 * segment, each { kind: "import"|"function"|"data", name, twiggyName, from, to } (the bytes
 * [from, to) of the file that hold it; for a body, its code without the size prefix), and
 * `nameSection` ({ from, to } or null). `name` is what the name section says (for an import, the
 * Rust path wasm-bindgen gave the imported function); `twiggyName` is how `twiggy top` names the
 * same item: the function name, `import <module>::<field>`, or `data segment "<name>"`.
 */
export function wasmLayout(bytes) {
  const { imports, bodies, data, functionNames, dataNames, nameSection } = sections(bytes);
  const items = [];
  imports.forEach((entry, index) => {
    items.push({ kind: 'import', name: functionNames.get(index) ?? '', twiggyName: `import ${entry.module}::${entry.field}`, from: entry.from, to: entry.to });
  });
  bodies.forEach((body, i) => {
    const name = functionNames.get(imports.length + i) ?? `code[${i}]`;
    items.push({ kind: 'function', name, twiggyName: name, from: body.from, to: body.to });
  });
  data.forEach((segment, index) => {
    const name = dataNames.get(index) ?? `data[${index}]`;
    items.push({ kind: 'data', name, twiggyName: `data segment "${name}"`, from: segment.from, to: segment.to });
  });
  return { items, nameSection };
}

/** `bytes` without its name section (which the names build appends last, after the shipped bytes). */
export function withoutNameSection(bytes) {
  const { nameSection } = sections(bytes);
  if (!nameSection) return bytes;
  return Buffer.concat([bytes.subarray(0, nameSection.from), bytes.subarray(nameSection.to)]);
}

/** A copy of `bytes` with the bytes of every item in `items` set to zero (for gzip only: not a valid module). */
export function zeroed(bytes, items) {
  const copy = Buffer.from(bytes);
  for (const { from, to } of items) copy.fill(0, from, to);
  return copy;
}
