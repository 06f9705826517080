"""Writes the differential cases of `../cases.jsonl` (without the `ruler` answers) as JSON lines.

usage: python3 generate.py EVENT_RULER_CHECKOUT > cases-without-answers.jsonl

Cases come from aws/event-ruler's README and test data (src/test/data, src/test/resources), from
the edge-case probes below, and from a seeded random generator. `RulerOracle.java` then adds
event-ruler's own answer to each line (see ../README.md).
"""
import json, random, re, subprocess, sys

repo = sys.argv[1]
def show(path):
    return subprocess.run(["git", "-C", repo, "show", "HEAD:" + path], capture_output=True, text=True, check=True).stdout

def case(source, pattern, event):
    print(json.dumps({"source": source, "pattern": pattern, "event": event}, ensure_ascii=False))

def is_pattern(v):
    if not isinstance(v, dict) or not v:
        return False
    def leaves(x):
        for k, y in x.items():
            if k == "$or":
                continue
            if isinstance(y, dict):
                yield from leaves(y)
            else:
                yield y
    return all(isinstance(l, list) for l in leaves(v)) and any(True for _ in leaves(v)) or "$or" in v


def from_event_ruler():
    """README examples and test data of aws/event-ruler."""
    # README: JSON blocks; patterns against every event block.
    readme = show("README.md")
    blocks = re.findall(r"```(?:javascript|json)?\n(.*?)```", readme, re.S)
    patterns, events = [], []
    for i, b in enumerate(blocks):
        try:
            v = json.loads(b)
        except Exception:
            continue
        (patterns if is_pattern(v) else events).append((i, b.strip()))
    for pi, p in patterns:
        for ei, e in events:
            case(f"README.md code blocks {pi} x {ei}", p, e)

    # src/test/data: array rules x array events, $or rules, the big event.
    for r in range(1, 5):
        for e in range(1, 5):
            case(f"src/test/data/arrayRule{r}.json x arrayEvent{e}.json", show(f"src/test/data/arrayRule{r}.json").strip(), show(f"src/test/data/arrayEvent{e}.json").strip())
    for name in ["orRelationshipRules.json", "normalRulesWithOrWording.json", "wrongOrRelationshipRules.json"]:
        for n, rule in enumerate(json.loads(show("src/test/data/" + name))):
            line = json.dumps(rule, ensure_ascii=False)
            for e in range(1, 5):
                case(f"src/test/data/{name} rule {n + 1} x arrayEvent{e}.json", line, show(f"src/test/data/arrayEvent{e}.json").strip())
            case(f"src/test/data/{name} rule {n + 1} x README sample event", line, events[0][1])

    # src/test/resources/correctness-cases.json: rule/event pairs.
    for c in json.loads(show("src/test/resources/correctness-cases.json")):
        case("src/test/resources/correctness-cases.json: " + c["name"], json.dumps(c["rule"], ensure_ascii=False), json.dumps(c["event"], ensure_ascii=False))


PROBES = [
 ("duplicate event key, last wins", {"a":["x"]}, '{"a":"x","a":"y"}'),
 ("duplicate event key, first value", {"a":["y"]}, '{"a":"x","a":"y"}'),
 ("duplicate nested key", {"o":{"a":["x"]}}, '{"o":{"a":"x"},"o":{"b":1}}'),
 ("1e400 event value vs exists", {"a":[{"exists":True}]}, '{"a":1e400}'),
 ("1e400 vs numeric", {"a":[{"numeric":[">",0]}]}, '{"a":1e400}'),
 ("-0 vs 0", {"a":[0]}, '{"a":-0}'),
 ("3e2 vs 300", {"a":[300]}, '{"a":3e2}'),
 ("big int exact", {"a":[123456789012345678901]}, '{"a":123456789012345678901}'),
 ("big int close", {"a":[123456789012345678901]}, '{"a":123456789012345678900}'),
 ("7 decimals", {"a":[{"numeric":["=",0.1234567]}]}, '{"a":0.1234568}'),
 ("5e9 limit", {"a":[{"numeric":[">",5e9]}]}, '{"a":6e9}'),
 ("exists true on null", {"a":[{"exists":True}]}, '{"a":null}'),
 ("exists false on null", {"a":[{"exists":False}]}, '{"a":null}'),
 ("exists true on object", {"a":[{"exists":True}]}, '{"a":{"b":1}}'),
 ("exists false on object", {"a":[{"exists":False}]}, '{"a":{"b":1}}'),
 ("exists true on empty array", {"a":[{"exists":True}]}, '{"a":[]}'),
 ("exists false on empty array", {"a":[{"exists":False}]}, '{"a":[]}'),
 ("null in list", {"a":[None]}, '{"a":[]}'),
 ("dotted key", {"a":{"b":["x"]}}, '{"a.b":"x"}'),
 ("dotted pattern key", {"a.b":["x"]}, '{"a":{"b":"x"}}'),
 ("empty key", {"":["x"]}, '{"":"x"}'),
 ("empty key nested", {"a":["x"]}, '{"":{"a":"x"}}'),
 ("lone surrogate event", {"a":["\ufffd"]}, '{"a":"\\ud83d"}'),
 ("lone surrogate both", {"a":[{"prefix":"x"}]}, '{"a":"x\\ud83d"}'),
 ("eic sharp s", {"a":[{"equals-ignore-case":"ß"}]}, '{"a":"SS"}'),
 ("eic sharp s reverse", {"a":[{"equals-ignore-case":"SS"}]}, '{"a":"ß"}'),
 ("eic dotted I", {"a":[{"equals-ignore-case":"İ"}]}, '{"a":"i̇"}'),
 ("eic dotless", {"a":[{"equals-ignore-case":"ı"}]}, '{"a":"I"}'),
 ("eic sigma", {"a":[{"equals-ignore-case":"Σ"}]}, '{"a":"ς"}'),
 ("eic kelvin", {"a":[{"equals-ignore-case":"k"}]}, '{"a":"\u212a"}'),
 ("wildcard multibyte", {"a":[{"wildcard":"é*"}]}, '{"a":"éclair"}'),
 ("wildcard emoji", {"a":[{"wildcard":"*🚀"}]}, '{"a":"go 🚀"}'),
 ("anything-but string vs number", {"a":[{"anything-but":["300"]}]}, '{"a":300}'),
 ("anything-but number vs string", {"a":[{"anything-but":[300]}]}, '{"a":"300"}'),
 ("anything-but null", {"a":[{"anything-but":["x"]}]}, '{"a":null}'),
 ("anything-but bool", {"a":[{"anything-but":["x"]}]}, '{"a":true}'),
 ("exact bool vs string", {"a":[True]}, '{"a":"true"}'),
 ("exact string vs bool", {"a":["true"]}, '{"a":true}'),
 ("prefix on number", {"a":[{"prefix":"3"}]}, '{"a":300}'),
 ("cidr v6", {"a":[{"cidr":"2001:db8::/32"}]}, '{"a":"2001:DB8::1"}'),
 ("cidr mapped", {"a":[{"cidr":"10.0.0.0/8"}]}, '{"a":"::ffff:10.1.2.3"}'),
 ("ip exact spelling", {"a":["10.0.0.1"]}, '{"a":"10.000.0.01"}'),
 ("ipv6 exact spelling", {"a":["2001:db8::1"]}, '{"a":"2001:0db8:0:0:0:0:0:1"}'),
 ("utf16 key order exists false", {"items":{"\ue000":[{"exists":False}], "😀":["x"]}}, '{"items":[{"😀":"x"},{"\ue000":1}]}'),
 ("utf16 key order exists false 2", {"items":{"\ue000":["x"], "😀":[{"exists":False}]}}, '{"items":[{"\ue000":"x"},{"😀":1}]}'),
 ("two absences", {"items":{"a":[{"exists":False}],"b":[{"exists":False}],"c":["x"]}}, '{"items":[{"c":"x"},{"a":1},{"b":1}]}'),
 ("absence after", {"items":{"c":[{"exists":False}],"a":["x"]}}, '{"items":[{"a":"x"},{"c":1}]}'),
 ("nested arrays absence", {"o":{"i":{"a":[{"exists":False}],"b":["x"]}}}, '{"o":[{"i":[{"b":"x"}]},{"i":[{"a":1}]}]}'),
 ("absence in or", {"$or":[{"items":{"a":[{"exists":False}],"b":["x"]}},{"z":["q"]}]}, '{"items":[{"b":"x"},{"a":1}]}'),
 ("absence with value or absent", {"items":{"a":[{"exists":False},"y"],"b":["x"]}}, '{"items":[{"b":"x"},{"a":"q"}]}'),
 ("absence top and array", {"a":[{"exists":False}],"items":{"b":["x"]}}, '{"a":1,"items":[{"b":"x"}]}'),
 ("or override", {"a":["1"],"$or":[{"a":["2"]},{"b":["3"]}]}, '{"a":"2"}'),
 ("or override 2", {"a":["1"],"$or":[{"a":["2"]},{"b":["3"]}]}, '{"a":"1","b":"3"}'),
 ("lone surrogate event vs ?", {"a":["?"]}, '{"a":"\\ud83d"}'),
 ("lone surrogate pattern vs ?", '{"a":["\\ud83d"]}', '{"a":"?"}'),
 ("lone surrogate both escaped", '{"a":["\\ud83d"]}', '{"a":"\\ud83d"}'),
 ("lone surrogate prefix", {"a":[{"prefix":"x?"}]}, '{"a":"x\\udc00y"}'),
 ("lone surrogate key vs ?", '{"\\ud83d":["x"]}', '{"?":"x"}'),
 ("empty key nested pattern", {"":{"a":["x"]}}, '{"a":"x"}'),
 ("dot key vs empty key nested", {".a":["x"]}, '{"":{"a":"x"}}'),
 ("empty key in the middle", {"x":{"":{"a":["v"]}}}, '{"x":{"":{"a":"v"}}}'),
 ("inexact number literal vs numeric", {"a":[{"numeric":[">",0]}]}, '{"a":123456789012345678901}'),
 ("inexact pattern number in numeric", '{"a":[{"numeric":[">",0.30000000000000001]}]}', '{"a":1}'),
]


def probes():
    """Edge cases written for this test: where the engines might part."""
    for name, p, e in PROBES:
        text = p if isinstance(p, str) else json.dumps(p, ensure_ascii=False)
        case("probe: " + name, text, e)

KEYS = ["a", "b", "c", "d"]
STR = ["x", "y", "X", "Ab", "z🚀", "🚀", "??", "z??", "10.0.0.7", "a*b", "ß", "SS", "é", "É", "", "300"]
def cond():
    r = random.random()
    if r < 0.25: return random.choice(STR)
    if r < 0.35: return random.choice([1, 2])
    if r < 0.55: return {"exists": random.choice([False, False, True])}
    if r < 0.65: return {"equals-ignore-case": random.choice(STR)}
    if r < 0.72: return {"prefix": {"equals-ignore-case": random.choice(STR)}}
    if r < 0.79: return {"suffix": {"equals-ignore-case": random.choice(STR)}}
    if r < 0.86: return {"anything-but": {"equals-ignore-case": [random.choice(STR)]}}
    if r < 0.88: return {"anything-but": random.choice(STR)}
    if r < 0.90: return {"anything-but": {"prefix": random.choice(STR[:4])}}
    if r < 0.92: return {"anything-but": {"suffix": random.choice(STR[:4])}}
    if r < 0.94: return {"wildcard": random.choice(["*", "x*", "*y", "a\\*b", "*🚀*", "z*?"])}
    if r < 0.96: return {"cidr": random.choice(["10.0.0.0/24", "10.0.0.0/8"])}
    if r < 0.98: return {"numeric": [">", 1, "<=", 300]}
    return random.choice([None, True, 300, 3e2, -0.0])
def pat(depth):
    keys = random.sample(KEYS, random.randint(1, 3))
    o = {}
    for k in keys:
        if depth > 0 and random.random() < 0.35:
            o[k] = pat(depth - 1)
        else:
            o[k] = [cond() for _ in range(random.randint(1, 2))]
    return o
def val():
    r = random.random()
    if r < 0.7: return random.choice(STR)
    if r < 0.85: return random.choice([1, 2, 3, 300.0, 0])
    if r < 0.9: return random.choice([[], {}, {"z": 1}])
    return random.choice([None, True, False])
def ev(p, depth):
    o = {}
    for k, sub in p.items():
        if random.random() < 0.2: continue
        if isinstance(sub, dict):
            if random.random() < 0.15:
                o[k] = [[ev(sub, depth - 1) for _ in range(random.randint(1, 2))] for _ in range(random.randint(1, 2))]
            elif random.random() < 0.6:
                o[k] = [ev(sub, depth - 1) for _ in range(random.randint(1, 4))]
            else:
                o[k] = ev(sub, depth - 1)
        else:
            if random.random() < 0.3:
                o[k] = [val() for _ in range(random.randint(0, 3))]
            else:
                o[k] = val()
    if random.random() < 0.3:
        o[random.choice(KEYS)] = val()
    return o

def generated(seed, count):
    """Random patterns over a few keys (arrays of objects, exists:false, case-insensitive text
    with emoji, …) and events shaped like them."""
    random.seed(seed)
    for i in range(count):
        p = pat(2)
        case("generated (seed %d) #%d" % (seed, i + 1), json.dumps(p, ensure_ascii=False), json.dumps(ev(p, 2), ensure_ascii=False))


from_event_ruler()
probes()
generated(7, 800)
