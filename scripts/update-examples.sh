#!/usr/bin/env bash
# Rewrites the `// Output:` block of every story's whole-file Example test
# (examples/*/main_test.go) from what the story prints now. Read the diff
# afterwards (git diff examples/) as carefully as a diff in code.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in examples/*/; do
	name=$(basename "$dir")
	test="$dir/main_test.go"
	[ -f "$test" ] || continue
	out=$(mktemp)
	go run "./$dir" > "$out"
	python3 - "$test" "$out" <<'PY'
import sys
test, out = sys.argv[1], sys.argv[2]
src = open(test).read()
head = src[:src.index("// Output:")]
lines = open(out).read().rstrip("\n").split("\n")
body = "".join("\t// " + l.rstrip() + "\n" if l.strip() else "\t//\n" for l in lines)
open(test, "w").write(head + "// Output:\n" + body + "}\n")
PY
	rm -f "$out"
	echo "updated $test"
done
