# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).

# --8<-- [start:data]
import numpy as np

rng = np.random.default_rng(0)
X = rng.normal(size=(64, 1)).astype(np.float32)
noise = 0.1 * rng.normal(size=(64, 1))
Y = (3.0 * X + 2.0 + noise).astype(np.float32)  # y = 3x + 2 + 잡음

LEARNING_RATE = 0.1
STEPS = 50
# --8<-- [end:data]
