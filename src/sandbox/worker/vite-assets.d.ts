// Vite's `?url` imports (the worker bundles the tfjs wasm binaries this way).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
