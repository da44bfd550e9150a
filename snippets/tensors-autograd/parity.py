# 두 프로그램이 정말 같은 값을 내는지 숫자로 확인합니다.
# 페이지에 보이는 섹션을 그대로 실행해 연산 결과·기울기·학습 궤적을 비교합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
import contextlib
import io
from pathlib import Path

import numpy as np
import tensorflow as tf
import torch

from sidebyside.parity import EXACT, FORWARD, GRADIENT, SGD_STEPS, check
from sidebyside.sections import load_sections

HERE = Path(__file__).resolve().parent


def both(*sections):
    """두 파일에서 tensors 섹션(import)과 주어진 섹션만 실행해 (TF, PyTorch)로.

    섹션마다 x, y 같은 이름을 다시 쓰므로 비교할 섹션만 골라 따로 불러옵니다.
    """
    with contextlib.redirect_stdout(io.StringIO()):  # 섹션의 출력은 숨깁니다
        return (
            load_sections(HERE / "tensorflow_code.py", "tensors", *sections),
            load_sections(HERE / "pytorch_code.py", "tensors", *sections),
        )


# --8<-- [end:load]

# --8<-- [start:tensors]
tf_side, pt_side = both()
for source, tf_tensor in tf_side.made.items():  # dtype은 달라도 값은 같아야 합니다
    check("tensors", f"{source}의 값", tf_tensor, pt_side.made[source], EXACT)
# --8<-- [end:tensors]

# --8<-- [start:ops]
tf_side, pt_side = both("ops")
# 결과 사전은 같은 순서로 짝지어집니다: tf.math.negative ↔ torch.neg, …
for (tf_name, tf_value), (pt_name, pt_value) in zip(
    tf_side.results.items(), pt_side.results.items(), strict=True
):
    if tf_name == "x":
        continue  # 입력은 양쪽이 같은 리터럴입니다
    # 초월 함수(sqrt, log)는 구현마다 마지막 자리가 다를 수 있습니다
    tol = FORWARD if tf_name.endswith(("sqrt", "log")) else EXACT
    check("ops", f"{tf_name} ↔ {pt_name}", tf_value, pt_value, tol)
# --8<-- [end:ops]

# --8<-- [start:broadcast]
tf_side, pt_side = both("broadcast")
check("broadcast", "(3, 1) + (4,) → (3, 4)", tf_side.table, pt_side.table, EXACT)
check("broadcast", "(N, 1) − (N,)로 잘못 잰 MSE", tf_side.wrong, pt_side.wrong, FORWARD)
check("broadcast", "모양을 맞춰 잰 MSE", tf_side.right, pt_side.right, FORWARD)
# --8<-- [end:broadcast]

# --8<-- [start:gradient]
tf_side, pt_side = both("gradient")
check("gradient", "dy/dx = 2·c·x", tf_side.dy_dx, pt_side.x.grad, GRADIENT)
check("gradient", "dy/dc = x²", tf_side.dy_dc, pt_side.c.grad, GRADIENT)
check("gradient", "벡터 출력 x²의 기울기", tf_side.dsum_dx, pt_side.dsum_dx, GRADIENT)

tf_side, pt_side = both("persistent")
# persistent=True로 두 번 물은 테이프 ↔ retain_graph=True로 남긴 그래프
check("persistent", "다시 쓴 기록의 dy/dw", tf_side.dy_dw, pt_side.dy_dw, GRADIENT)
check("persistent", "다시 쓴 기록의 dz/dw", tf_side.dz_dw, pt_side.dz_dw, GRADIENT)
# --8<-- [end:gradient]

# --8<-- [start:accumulate]
tf_side, pt_side = both("accumulate")
tf_weight, pt_weight = tf_side.weight, pt_side.weight
check("accumulate", "기울기 세 번을 모아 갱신한 weight", tf_weight, pt_weight, FORWARD)
# --8<-- [end:accumulate]

# --8<-- [start:fit]
from data import STEPS

# 변수와 train_step만 만들고, 학습 반복은 여기서 나란히 돌립니다
tf_side, pt_side = both("step")
tf_data, pt_data = tf.stack([tf_side.x, tf_side.y]), torch.stack([pt_side.x, pt_side.y])
check("step", "같은 데이터 x, y", tf_data, pt_data, EXACT)
tf_init, pt_init = tf.stack([tf_side.W, tf_side.b]), torch.stack([pt_side.W, pt_side.b])
check("step", "같은 초기값 W, b", tf_init, pt_init, EXACT)

tf_history, pt_history = [], []  # 단계마다 (손실, W, b)
for _ in range(STEPS):
    tf_loss = tf_side.train_step()
    pt_loss = pt_side.train_step()
    tf_history.append([float(tf_loss), float(tf_side.W), float(tf_side.b)])
    pt_history.append([pt_loss.item(), pt_side.W.item(), pt_side.b.item()])
tf_history, pt_history = np.array(tf_history), np.array(pt_history)

check("step", "첫 단계의 손실", tf_history[0, 0], pt_history[0, 0], FORWARD)
check("step", "첫 단계 뒤 W, b", tf_history[0, 1:], pt_history[0, 1:], SGD_STEPS)
check("fit", f"{STEPS}단계 모두의 손실", tf_history[:, 0], pt_history[:, 0], SGD_STEPS)
check("fit", f"{STEPS}단계 모두의 W", tf_history[:, 1], pt_history[:, 1], SGD_STEPS)
check("fit", f"{STEPS}단계 모두의 b", tf_history[:, 2], pt_history[:, 2], SGD_STEPS)
for name, (loss, W, b) in [("TensorFlow", tf_history[-1]), ("PyTorch", pt_history[-1])]:
    print(f"{STEPS}단계 뒤 {name:10s}: W = {W:.4f}, b = {b:.4f}, 손실 = {loss:.4f}")
# --8<-- [end:fit]
