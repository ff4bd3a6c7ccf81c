import { describe, expect, it } from "vitest";
import { LINUX, lint, WINDOWS } from "./helpers.js";

describe("the test baselines", () => {
  it("the Linux template is clean", () => {
    expect(lint(LINUX)).toEqual([]);
  });
  it("the Windows template is clean", () => {
    expect(lint(WINDOWS)).toEqual([]);
  });
});
