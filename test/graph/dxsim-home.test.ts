import { describe, expect, it } from "vitest";
import { defaultDatabasePath, dxsimHome } from "../../graph/dxsim-home.js";

describe("dxsimHome", () => {
  it("uses DXSIM_HOME when it is set, on any system", () => {
    expect(dxsimHome({ env: { DXSIM_HOME: "/srv/dxsim" }, platform: "darwin", home: "/Users/ana" })).toBe("/srv/dxsim");
    expect(defaultDatabasePath({ env: { DXSIM_HOME: "/srv/dxsim" }, platform: "linux", home: "/home/ana" })).toBe(
      "/srv/dxsim/sessions.sqlite",
    );
  });

  it("follows XDG on Linux, ignoring a relative XDG_DATA_HOME", () => {
    expect(dxsimHome({ env: {}, platform: "linux", home: "/home/ana" })).toBe("/home/ana/.local/share/dxsim");
    expect(dxsimHome({ env: { XDG_DATA_HOME: "/data" }, platform: "linux", home: "/home/ana" })).toBe("/data/dxsim");
    expect(dxsimHome({ env: { XDG_DATA_HOME: "data" }, platform: "linux", home: "/home/ana" })).toBe(
      "/home/ana/.local/share/dxsim",
    );
  });

  it("uses Application Support on macOS and APPDATA on Windows", () => {
    expect(defaultDatabasePath({ env: {}, platform: "darwin", home: "/Users/ana" })).toBe(
      "/Users/ana/Library/Application Support/dxsim/sessions.sqlite",
    );
    expect(
      defaultDatabasePath({ env: { APPDATA: "C:\\Users\\ana\\AppData\\Roaming" }, platform: "win32", home: "C:\\Users\\ana" }),
    ).toBe("C:\\Users\\ana\\AppData\\Roaming\\dxsim\\sessions.sqlite");
    expect(dxsimHome({ env: {}, platform: "win32", home: "C:\\Users\\ana" })).toBe("C:\\Users\\ana\\AppData\\Roaming\\dxsim");
  });
});
