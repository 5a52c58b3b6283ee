# Slice assignment changes a list in place, so every alias sees it.
nums = [0, 1, 2, 3, 4, 5]
view = nums
nums[1:3] = ["a", "b", "c"]
print("replace a slice:", view)
nums[:] = []
print("clear through a slice:", view, nums is view)
nums[:] = range(4)
print("refill:", view)
del nums[::2]
print("delete every other one:", view)
part = nums[0:1]
part[0] = 100
print("a slice read is a copy:", nums, part)
rev = nums[::-1]
print("reversed copy:", rev, "original:", nums)
