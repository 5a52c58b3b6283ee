# Reads a JSON list of Python sources on stdin; writes, for each, CPython's syntax tree as
# JSON (or the SyntaxError), so the compiler can be tested on trees CPython itself parsed.
import ast, json, struct, sys

def const(v):
    if v is None: return {"t": "None"}
    if v is Ellipsis: return {"t": "Ellipsis"}
    if isinstance(v, bool): return {"t": "bool", "v": v}
    if isinstance(v, int): return {"t": "int", "v": str(v)}
    if isinstance(v, float): return {"t": "float", "v": str(struct.unpack("<Q", struct.pack("<d", v))[0])}
    if isinstance(v, str): return {"t": "str", "v": v}
    raise TypeError(type(v))

def conv(x):
    if isinstance(x, ast.AST):
        d = {"_": type(x).__name__}
        for f in x._fields:
            v = getattr(x, f)
            d[f] = const(v) if isinstance(x, ast.Constant) and f == "value" else conv(v)
        for a in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
            if hasattr(x, a):
                d[a] = getattr(x, a)
        return d
    if isinstance(x, list):
        return [conv(i) for i in x]
    if x is None or isinstance(x, (str, int)):
        return x
    raise TypeError(type(x))

out = []
for src in json.load(sys.stdin):
    try:
        out.append({"ok": conv(ast.parse(src))})
    except SyntaxError as e:
        out.append({"err": [e.msg, e.lineno, e.offset]})
sys.stdout.write(json.dumps(out))
