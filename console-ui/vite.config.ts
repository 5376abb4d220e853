import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// The build lands in the jar under console/, which the control role serves at /.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/console',
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  server: {
    // `npm run dev` against a running Eventbus on :8080
    proxy: { '/v1': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
