import type { Plugin } from 'esbuild';

export declare const unusedOidcClient: Plugin;
