import type { Plugin } from 'vite';
export declare function initialJsSizeReport(opts: { budgetKb: number }): Plugin;
