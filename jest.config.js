// Two suites: `unit` runs the program under Pulumi mocks (seconds, no Docker);
// `e2e` drives the real Pulumi engine against a real Docker engine and Kafka.
/** @type {import('jest').Config} */
module.exports = {
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
