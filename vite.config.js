// One build for the phone app: client/ is the Vite root, service-worker/ holds the worker source
// that vite-plugin-pwa compiles in injectManifest mode (our code, Workbox's precache list).
// The icons are drawn once, in client/icons/icon.svg, and rendered to PNG here at build time.
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const ICON_SOURCE = new URL('./client/icons/icon.svg', import.meta.url);
const ICONS = { 'icon-192.png': 192, 'icon-512.png': 512, 'maskable-512.png': 512,
  'apple-touch-icon.png': 180 };

function icons() {
  return {
    name: 'kintsugi-icons',
    generateBundle() {
      const svg = readFileSync(ICON_SOURCE);
      for (const [fileName, size] of Object.entries(ICONS)) {
        const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
        this.emitFile({ type: 'asset', fileName: `icons/${fileName}`, source: png });
      }
    },
  };
}

const manifest = {
  id: '/',
  name: 'Kintsugi',
  short_name: 'Kintsugi',
  description: 'A private space for two partners rebuilding trust.',
  lang: 'en',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'portrait',
  theme_color: '#1f2a37',
  background_color: '#f7f4ee',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

// KINTSUGI_CLIENT_DIST (absolute) builds elsewhere, e.g. for two checkouts testing side by side;
// the server reads the same variable.
const outDir = process.env.KINTSUGI_CLIENT_DIST || 'dist';

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: { outDir, emptyOutDir: true },
  plugins: [
    preact(),
    icons(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../service-worker',
      filename: 'sw.js',
      injectRegister: false,
      manifest,
      includeManifestIcons: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'] },
    }),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:5000' } },
});
