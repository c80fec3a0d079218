import { defineProject } from 'vitest/config'

// Unit tests only; the tests against a real RabbitMQ (test/broker) are the root config's `worker-broker` project.
export default defineProject({
  test: {
    name: '@salesflow/worker',
    include: ['test/**/*.test.ts'],
    exclude: ['test/broker/**', '**/node_modules/**'],
    // Several tests wait for queue deliveries and emulator round trips (waitFor gives up after 10 s).
    testTimeout: 30_000,
  },
})
