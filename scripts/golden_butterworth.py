#!/usr/bin/env python3
"""Golden numbers for Tests/FeaturesTests/FilterTests.swift (SciPy's Butterworth design,
lfilter and filtfilt with default padding). Run: python3 scripts/golden_butterworth.py"""
import numpy as np, scipy
from scipy.signal import butter, lfilter, filtfilt
print("scipy", scipy.__version__, "numpy", np.__version__)
for fc in (20, 0.3):
    b, a = butter(3, fc, fs=50)
    print(f"butter(3, {fc}, fs=50): b =", [repr(float(v)) for v in b], "a =", [repr(float(v)) for v in a])
x = np.array([np.sin(0.37 * i) + 0.5 * np.cos(1.9 * i) + 0.01 * i for i in range(40)])
for fc in (20, 2):
    b, a = butter(3, fc, fs=50)
    print(f"lfilter {fc} Hz:", [repr(float(v)) for v in lfilter(b, a, x)])
    print(f"filtfilt {fc} Hz:", [repr(float(v)) for v in filtfilt(b, a, x)])
