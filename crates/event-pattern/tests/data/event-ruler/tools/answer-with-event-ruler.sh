#!/bin/sh
# Adds event-ruler's answer to every case: compiles event-ruler's sources (a checkout given as $1)
# against Debian's Jackson jars and runs RulerOracle on the cases read from standard input.
#   apt-get install libjackson2-core-java libjackson2-databind-java libjackson2-annotations-java libjsr305-java
#   python3 generate.py CHECKOUT | sh answer-with-event-ruler.sh CHECKOUT > ../cases.jsonl
set -eu
checkout=$1
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
jars=/usr/share/java
cp="$work/classes:$jars/jackson-core.jar:$jars/jackson-databind.jar:$jars/jackson-annotations.jar:$(ls $jars/jsr305*.jar | head -1)"
mkdir -p "$work/src" "$work/classes" "$work/shim/ch/randelshofer/fastdoubleparser"
git -C "$checkout" archive HEAD src/main | tar -x -C "$work/src"
# event-ruler parses decimals with the fastdoubleparser library; BigDecimal's own parser gives the
# same values.
cat > "$work/shim/ch/randelshofer/fastdoubleparser/JavaBigDecimalParser.java" <<'JAVA'
package ch.randelshofer.fastdoubleparser;
public final class JavaBigDecimalParser {
    public static java.math.BigDecimal parseBigDecimal(CharSequence s) { return new java.math.BigDecimal(s.toString()); }
}
JAVA
javac -nowarn -d "$work/classes" -cp "$cp" $(find "$work/src" "$work/shim" -name '*.java') "$here/RulerOracle.java" 2>/dev/null
tee "$work/cases.jsonl" | java -cp "$cp" RulerOracle > "$work/answers.txt"
python3 - "$work/cases.jsonl" "$work/answers.txt" <<'PY'
import json, sys
cases = open(sys.argv[1], encoding="utf-8").read().splitlines()
answers = open(sys.argv[2], encoding="utf-8").read().splitlines()
assert len(cases) == len(answers)
for line, answer in zip(cases, answers):
    case = json.loads(line)
    case["ruler"] = answer
    print(json.dumps(case, ensure_ascii=False))
PY
rm -rf "$work"
