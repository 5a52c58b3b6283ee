# [[]] * 3 repeats one inner list three times; a comprehension makes three lists.
import sys

grid = [[]] * 3
grid[0].append("x")
print("repeated:", grid)
print("all the same list:", grid[0] is grid[1], grid[1] is grid[2])
print("refs to the inner list:", sys.getrefcount(grid[0]))
rows = [[] for _ in range(3)]
rows[0].append("x")
print("comprehension:", rows)
print("distinct lists:", rows[0] is rows[1])
print("refs to one row:", sys.getrefcount(rows[0]))
board = [[0] * 3 for _ in range(2)]
board[1][2] = 9
print("board:", board)
