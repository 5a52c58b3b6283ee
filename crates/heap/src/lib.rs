//! A simulated CPython 3.11 object heap.
