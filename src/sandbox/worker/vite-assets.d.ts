// Vite's `?url` imports (the worker bundles the tfjs wasm binaries this way).
declare module '*.wasm?url' {
  const url: string;
  export default url;
}

// The threaded wasm build's Emscripten factory, as a plain script URL (wasm-setup.ts gives it to the pthread workers).
declare module '*.js?url' {
  const url: string;
  export default url;
}

declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js' {
  const factory: { toString(): string };
  export default factory;
}
