// ESM resolve hook for the start-up smoke test: `import … from 'electron'` in the built main
// process gets the recording stand-in (electron-shim.mjs) instead of the npm package, whose
// entry only names the path of a binary that cannot run here.
let shimUrl = '';

export function initialize(data) {
  shimUrl = data.shimUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: shimUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
