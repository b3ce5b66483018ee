/**
 * workerData.role of the document render thread (pool.ts), which src/cli/main.ts recognises. Apart from pool.ts, so
 * that a process need not load the renderer to ask.
 */
export const RENDER_ROLE = 'tillit-render';
