import { describe, expect, it } from "vitest";
import { MAX_NESTING, type Command } from "../src/scripts/commands.js";
import { powershellCommands } from "../src/scripts/powershell-commands.js";
import { shellCommands } from "../src/scripts/shell-commands.js";

/** Each command as [program, where its program word is written, its arguments]. */
const read = (commands: Command[]) => commands.map((c) => [c.program, c.name.start, c.args.map((a) => a.value)]);
/** Checks that each command's words are where the text holds them (for words written plainly). */
function expectPlaced(text: string, commands: Command[]): void {
  for (const c of commands) expect(text.slice(c.name.start, c.name.end).toLowerCase(), c.program).toContain(c.program.slice(0, 4));
}

describe("shellCommands", () => {
  it.each([
    // [script, [program, offset, arguments] of each command]
    ["apt-get install nginx", [["apt-get", 0, ["install", "nginx"]]]],
    ["until sudo apt-get install nginx; do sleep 5; done", [["apt-get", 11, ["install", "nginx"]], ["sleep", 37, ["5"]]]],
    ["timeout -s KILL 600 sudo -u root -E apt-get install x", [["apt-get", 36, ["install", "x"]]]],
    ["env -i PATH=/bin X=1 nice -n 5 nohup /usr/bin/apt-get -y upgrade", [["apt-get", 37, ["-y", "upgrade"]]]],
    ["sudo bash -c 'apt-get install x && echo \"y\"'", [["apt-get", 14, ["install", "x"]], ["echo", 35, ["y"]]]],
    [`sudo sh -ec "apt-get install \\"x\\""`, [["apt-get", 13, ["install", "x"]]]],
    ["su - root -c 'yum install z'", [["yum", 14, ["install", "z"]]]],
    ["runuser -u app -- apt-get install z; su app", [["apt-get", 18, ["install", "z"]]]],
    ["if [ -f x ]; then\n  dnf install y\nelif true; then :; else false; fi", [["[", 3, ["-f", "x", "]"]], ["dnf", 20, ["install", "y"]], ["true", 39, []], [":", 50, []], ["false", 58, []]]],
    ["case \"$ID\" in\n  ubuntu|debian) apt install x ;;\n  (rhel) yum install y;;\nesac", [["apt", 31, ["install", "x"]], ["yum", 57, ["install", "y"]]]],
    ["x=$(apt-get install q) && echo \"$(yum install r)\"", [["apt-get", 4, ["install", "q"]], ["echo", 26, ["$(yum install r)"]], ["yum", 34, ["install", "r"]]]],
    ["for p in apt-get yum; do $p install; done", [["$p", 25, ["install"]]]],
    ["for ((i=0;i<3;i++)); do run; done", [["run", 24, []]]],
    ["[[ -f a && -f b ]] && run", [["run", 22, []]]],
    ["f() { run; }\nfunction g { other; }", [["run", 6, []], ["other", 26, []]]],
    ["(cd /tmp && make) | tee log", [["cd", 1, ["/tmp"]], ["make", 12, []], ["tee", 20, ["log"]]]],
    ["command -v apt-get || exit 1", [["exit", 22, ["1"]]]],
    ["apt-get \\\n  install x # apt-get upgrade", [["apt-get", 0, ["install", "x"]]]],
    // not commands: quoted text, comments, heredoc bodies, an array
    ["echo 'apt-get install' \"; yum install\" # apt-get install", [["echo", 0, ["apt-get install", "; yum install"]]]],
    ["cat <<'EOF' > /tmp/x\napt-get install\nEOF\nrun", [["cat", 0, []], ["run", 41, []]]],
    ["cat <<-EOF\n\tapt-get install\n\tEOF\nrun", [["cat", 0, []], ["run", 33, []]]],
    ["arr=(apt-get install) ; echo ok", [["echo", 24, ["ok"]]]],
  ] as const)("reads %j", (text, expected) => {
    const commands = shellCommands(text);
    expect(read(commands)).toEqual(expected);
    expectPlaced(text, commands);
  });

  it("tells where input and output go", () => {
    const [echo, tee, cat, apt, apt2, xargs] = [
      ...shellCommands(`echo 'a' | sudo tee /etc/x > /dev/null; cat <<EOF >> /etc/y 2>&1\nbody\nEOF\napt-get install < /dev/null; apt-get install <<< y`),
      ...shellCommands("yes | xargs apt-get install"),
    ];
    expect([echo!.input, echo!.output?.program, tee!.input, tee!.writes.map((w) => w.value)]).toEqual([false, "tee", true, ["/dev/null"]]);
    expect([cat!.input, cat!.inputTexts, cat!.writes.map((w) => w.value)]).toEqual([true, ["body"], ["/etc/y"]]);
    expect([apt!.input, apt2!.input, apt2!.inputTexts]).toEqual([false, true, ["y"]]);
    // yes is piped to xargs, which gives the command /dev/null
    expect([xargs!.program, xargs!.input]).toEqual(["yes", false]);
    expect(shellCommands("yes | xargs apt-get install")[1]).toMatchObject({ program: "apt-get", input: false });
    // a pipe goes on over a line break and into a subshell
    expect(shellCommands("yes |\n  apt-get install x; yes | (apt-get install y)").map((c) => [c.program, c.input])).toEqual([["yes", false], ["apt-get", true], ["yes", false], ["apt-get", true]]);
    expect(powershellCommands("'y' |\n  choco install x\nchoco install z").map((c) => [c.program, c.input])).toEqual([["choco", true], ["choco", false]]);
    expect(shellCommands("DEBIAN_FRONTEND=noninteractive sudo -E apt-get install x")[0]!.assignments.map((a) => a.value)).toEqual(["DEBIAN_FRONTEND=noninteractive"]);
  });

  it("reads `bash -c` strings only so deep", () => {
    let text = "apt-get install x";
    for (let i = 0; i < MAX_NESTING + 2; i++) text = `bash -c ${JSON.stringify(text).replace(/\$/g, "\\$")}`;
    expect(shellCommands(text)).toEqual([]);
    expect(read(shellCommands(`bash -c "bash -c 'apt-get install x'"`))).toEqual([["apt-get", 18, ["install", "x"]]]);
  });

  it("ends on unclosed quotes, substitutions and heredocs", () => {
    for (const text of [`echo "a`, "echo 'a", "x=$(apt-get", "cat <<EOF\nno end", "echo `a", "case x in a) run", "if true; then", "bash -c", "((", "echo ${a"]) {
      expect(() => shellCommands(text), text).not.toThrow();
    }
  });
});

describe("powershellCommands", () => {
  it.each([
    ["Restart-Computer -Force", [["restart-computer", 0, ["-Force"]]]],
    ["if ($r.RestartNeeded) { Restart-Computer -Force }", [["restart-computer", 24, ["-Force"]]]],
    ["try { choco install git } catch [Exception] { Write-Error $_ } finally { shutdown /r /t 0 }", [["choco", 6, ["install", "git"]], ["write-error", 46, ["$_"]], ["shutdown", 73, ["/r", "/t", "0"]]]],
    [`$out = choco install git -y; & "C:\\tools\\choco.exe" install x`, [["choco", 7, ["install", "git", "-y"]], ["choco", 31, ["install", "x"]]]],
    [`cmd /c "shutdown /r /t 0"; cmd.exe /C shutdown -r`, [["shutdown", 8, ["/r", "/t", "0"]], ["shutdown", 38, ["-r"]]]],
    [`powershell.exe -NoProfile -Command "Restart-Computer"`, [["restart-computer", 36, []]]],
    ["Get-ChildItem | ForEach-Object { choco install $_.Name }", [["get-childitem", 0, []], ["foreach-object", 16, ["{ choco install $_.Name }"]], ["choco", 33, ["install", "$_.Name"]]]],
    ["foreach ($x in 1..3) { choco upgrade $x }\nwhile ($true) { break }", [["choco", 23, ["upgrade", "$x"]]]],
    ["Install-Module x `\n  -Force; Restart-Computer", [["install-module", 0, ["x", "-Force"]], ["restart-computer", 29, []]]],
    // not commands: strings, comments, here-strings, hashtable keys, a function's name
    ["Write-Host 'Restart-Computer' # Restart-Computer", [["write-host", 0, ["Restart-Computer"]]]],
    ["<# Restart-Computer\n #> Get-Command Restart-Computer", [["get-command", 24, ["Restart-Computer"]]]],
    [`$s = @"\nRestart-Computer\n"@\nWrite-Host "a \`"b\`" $(Get-Date)"`, [["write-host", 28, [`a "b" $(Get-Date)`]]]],
    ["$h = @{ Restart = 'x'; b = 2 }", []],
    ["function Restart-Computer { }", []],
    ["$x = 'it''s'; Write-Output $x 2>&1 > C:\\log.txt", [["write-output", 14, ["$x"]]]],
  ] as const)("reads %j", (text, expected) => {
    const commands = powershellCommands(text);
    expect(read(commands)).toEqual(expected);
    expectPlaced(text, commands);
  });

  it("ends on unclosed strings, blocks and comments", () => {
    for (const text of [`Write-Host "a`, "Write-Host 'a", "if ($x) { Restart-Computer", "<# open", "@'\nopen", "}}}) ))", "cmd /c", "& "]) {
      expect(() => powershellCommands(text), text).not.toThrow();
    }
    expect(read(powershellCommands("if ($x) { Restart-Computer"))).toEqual([["restart-computer", 10, []]]);
  });
});

describe("both readers on scrambled scripts", () => {
  // a fixed seed: the same 3,000 scripts each run
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const PIECES = ["apt-get", " install", " -y", "sudo ", "bash -c ", "'", '"', "\\", "$(", ")", "(", "`", ";", "&&", "|", "\n", "<<EOF", "EOF", "#", "{", "}", "if ", "then ", "fi", "case x in ", ";;", "esac", "@'", "'@", "<#", "#>", "`n", "cmd /c ", "& ", "${", "[", "]", "=", "x", " "];
  it("yield commands whose words lie inside the text, in order", () => {
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + random(30) }, () => PIECES[random(PIECES.length)]).join("");
      for (const commands of [shellCommands(text), powershellCommands(text)]) {
        let last = -1;
        for (const c of commands) {
          for (const w of [c.name, ...c.args]) {
            expect(w.start >= 0 && w.start <= w.end && w.end <= text.length, `${JSON.stringify(text)} ${JSON.stringify(w)}`).toBe(true);
          }
          expect(c.name.start, JSON.stringify(text)).toBeGreaterThanOrEqual(last);
          last = c.name.start;
        }
      }
    }
  });
});
