// One build for the phone app: client/ is the Vite root, service-worker/ holds the worker source
// that vite-plugin-pwa compiles in injectManifest mode (our code, Workbox's precache list).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: { outDir: 'dist', emptyOutDir: true },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../service-worker',
      filename: 'sw.js',
      injectRegister: false,
      manifest: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'] },
    }),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:5000' } },
});
