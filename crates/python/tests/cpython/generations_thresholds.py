# The collector has three generations with thresholds (700, 10, 10) by default.
import gc

print("enabled at start:", gc.isenabled())
print("thresholds:", gc.get_threshold())
gc.disable()
print("after disable:", gc.isenabled())
gc.set_threshold(100, 5, 5)
print("changed:", gc.get_threshold())
gc.set_threshold(50)
print("only the first changed:", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("restored:", gc.get_threshold())
gc.enable()
print("enabled again:", gc.isenabled())
gc.enable()
print("enabling twice is harmless:", gc.isenabled())
