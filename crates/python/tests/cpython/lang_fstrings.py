# f-strings with !r, !s, nested expressions and format specs.
name = "Ada"
n = 42
pi = 3.14159
items = [1, 2, 3]
print(f"{name} has {n} items")
print(f"{name!r} vs {name!s}")
print(f"{pi:.2f} {pi:8.3f}| {n:5d}| {n:<5}| {n:>5}| {n:^5}|")
print(f"{n:05d} {n:x} {n:o} {n:b} {n:,}" + f" {1234567:,}")
print(f"{0.25:.0%} {1e-5:.1e} {pi:g}")
print(f"{items} {items[0] + items[-1]} {len(items)}")
print(f"{'nested'} {n * 2} {n > 40}")
print(f"{{braces}} {name:>6}|{name:<6}|")
width = 8
print(f"{name:>{width}}|")
print(f"{None} {True} {[None]!r}")
