# 두 프로그램이 정말 같은 값을 내는지 숫자로 확인합니다(동등성 검증).
# 페이지에 보이는 두 프로그램의 섹션을 순서대로 하나씩 실행하고, 섹션이 끝날 때마다
# 두 프로그램이 각자 만든 값을 비교합니다. 섹션마다 x, y 같은 이름을 다시 쓰므로
# 다음 섹션을 실행하기 전에 비교합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
from pathlib import Path

import tensorflow as tf
import torch

from sidebyside.parity import (
    EXACT,
    FORWARD,
    GRADIENT,
    SGD_STEPS,
    SGD_WEIGHTS,
    check,
    check_tensors,
)
from sidebyside.sections import ProgramSections

HERE = Path(__file__).resolve().parent
tf_side = ProgramSections(HERE / "tensorflow_code.py")
pt_side = ProgramSections(HERE / "pytorch_code.py")
# --8<-- [end:load]

# --8<-- [start:tensors]
tf_side.run("tensors")
pt_side.run("tensors")
# 정수의 기본 dtype은 일부러 다르므로(int32 ↔ int64) 값만 비교합니다
check("tensors", "[1, 2, 3]: 값만", tf_side.ints, pt_side.ints, EXACT)
check("tensors", "파이썬 실수: 값과 dtype", tf_side.x32, pt_side.x32, EXACT, dtype=True)
check("tensors", "NumPy 배열: 값과 dtype", tf_side.x64, pt_side.x64, EXACT, dtype=True)
# TensorFlow가 tf.cast로 맞춘 결과 ↔ PyTorch가 알아서 올린 결과: dtype까지 같아야 합니다
for (label, tf_value), pt_value in zip(
    tf_side.mixed.items(), pt_side.mixed.values(), strict=True
):
    check("tensors", f"{label}: 값과 dtype", tf_value, pt_value, EXACT, dtype=True)
# --8<-- [end:tensors]

# --8<-- [start:ops]
tf_side.run("ops")
pt_side.run("ops")
# 결과 사전은 같은 순서로 짝지어집니다: tf.math.negative ↔ torch.neg, …
pairs = {
    f"{tf_name} ↔ {pt_name}": (tf_value, pt_value)
    for (tf_name, tf_value), (pt_name, pt_value) in zip(
        tf_side.results.items(), pt_side.results.items()
    )
    if tf_name != "x"
}
# log는 초월 함수라 구현마다 마지막 비트가 다를 수 있습니다
log_pair = pairs.pop("tf.math.log ↔ torch.log")
check("ops", "tf.math.log ↔ torch.log", *log_pair, FORWARD)
# sqrt를 포함한 나머지는 이 입력에서 비트까지 같아야 합니다
check_tensors("ops", "나머지 연산 5개 (연산마다)", pairs, EXACT)
table_pair = tf_side.table, pt_side.table
check("ops", "(2, 1) + (3,) → (2, 3)", *table_pair, EXACT, dtype=True)
# --8<-- [end:ops]

# --8<-- [start:numpy]
tf_side.run("numpy")
pt_side.run("numpy")
# 두 프로그램이 각자 만든 복사본: 원본 배열을 바꾼 뒤에도 처음 값 그대로여야 합니다
tf_copy, pt_copy = tf_side.tensor, pt_side.copied
check("numpy", "tf.constant ↔ torch.tensor 복사본", tf_copy, pt_copy, EXACT, dtype=True)
# --8<-- [end:numpy]

# --8<-- [start:gradient]
tf_side.run("gradient")
pt_side.run("gradient")
gradients = {
    "dy/dx": (tf_side.dy_dx, pt_side.dy_dx),
    "dy/dc": (tf_side.dy_dc, pt_side.dy_dc),
}
check_tensors("gradient", "y = Σ c·x²의 기울기 (텐서마다)", gradients, GRADIENT)
# TensorFlow에서 직접 더한 값 ↔ PyTorch의 .grad에 쌓인 값
total = tf_side.total, pt_side.x.grad
check("gradient", "두 번 구한 dy/dx: 직접 더함 ↔ .grad 누적", *total, GRADIENT)
# --8<-- [end:gradient]

# --8<-- [start:fit]
from data import STEPS

# 두 프로그램의 fit 섹션을 그대로 실행합니다. 둘 다 data.py의 W_INIT, B_INIT에서
# 출발하므로 옮길 가중치가 없고, 출발점이 같은지는 아래 첫 검사가 확인합니다.
tf_side.run("fit")
pt_side.run("fit")
tf_params, pt_params = tf_side.params, pt_side.params  # 초깃값 + 단계마다 (W, b)
check("fit", "출발점 (W, b)", tf_params[0], pt_params[0], EXACT, dtype=True)
tf_data = tf.stack([tf_side.x, tf_side.y])
pt_data = torch.stack([pt_side.x, pt_side.y])
check("fit", "데이터 x, y", tf_data, pt_data, EXACT, dtype=True)
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check("fit", f"{STEPS}단계의 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
check("fit", "단계마다의 (W, b)", tf_params, pt_params, SGD_STEPS)
tf_end = tf.stack([tf_side.W, tf_side.b])
pt_end = torch.stack([pt_side.W, pt_side.b])
check("fit", "학습을 마친 변수 W, b", tf_end, pt_end, SGD_WEIGHTS, dtype=True)
# --8<-- [end:fit]
