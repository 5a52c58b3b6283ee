# Dict values are references: mutating a shared value shows through every key.
tags = []
index = {"first": tags, "second": tags}
index["first"].append("red")
print(index)
print("same list under both keys:", index["first"] is index["second"])
copy = index.copy()
copy["first"].append("blue")
print("shallow copy shares the values:", index["second"])
copy["first"] = ["green"]
print("rebinding in the copy does not touch the original:", index["first"], copy["first"])
merged = dict(index, third=tags)
print("keys:", list(merged), "values all one list:", all(v is tags for v in merged.values()))
counts = dict.fromkeys(["a", "b"], [])
counts["a"].append(1)
print("fromkeys shares one default:", counts)
