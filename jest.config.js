// Two suites: `unit` runs the program under Pulumi mocks (seconds, no Docker);
// `e2e` drives the real Pulumi engine against a real Docker engine and Kafka.
/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker fewer than the cores, which on a 2-core machine
  // leaves one core idle while the unit suite runs (the main process only
  // schedules). The e2e suite runs in band regardless (e2e/run.sh).
  maxWorkers: "100%",
  projects: [
    {
      displayName: "unit",
      preset: "ts-jest",
      testEnvironment: "node",
      roots: ["<rootDir>/tests/unit"],
    },
    {
      displayName: "e2e",
      preset: "ts-jest",
      testEnvironment: "node",
      roots: ["<rootDir>/e2e"],
      testMatch: ["**/*.e2e.test.ts"],
    },
  ],
};
