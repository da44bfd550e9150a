# 두 구현이 정말 같은 모델인지 숫자로 확인합니다(동등성 검증).
# 페이지에 보이는 두 프로그램의 섹션을 그대로 실행하되, 학습 전에 Keras의 초깃값을
# PyTorch 모델로 옮겨 두 학습이 같은 출발점에서 시작하게 합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
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
    mark_weights_copied,
)
from sidebyside.sections import ProgramSections

HERE = Path(__file__).resolve().parent
# 두 프로그램을 섹션 단위로 불러옵니다. 지금은 데이터와 모델 섹션까지만 실행합니다.
tf_side = ProgramSections(HERE / "tensorflow_code.py").run("data", "model")
pt_side = ProgramSections(HERE / "pytorch_code.py").run("data", "model")
# --8<-- [end:load]

# --8<-- [start:mapping]
dense = tf_side.model.layers[0]  # keras.layers.Dense(1)
linear = pt_side.model[0]  # nn.Linear(10, 1)
with torch.no_grad():
    # Dense의 kernel은 (입력, 출력) = (10, 1), Linear의 weight는 (출력, 입력) = (1, 10)
    linear.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))  # bias는 둘 다 (1,)
mark_weights_copied()
kernel_shape, weight_shape = tuple(dense.kernel.shape), tuple(linear.weight.shape)
print(f"kernel {kernel_shape} → 전치 → weight {weight_shape}")
print(f"bias {tuple(dense.bias.shape)} → 그대로 → bias {tuple(linear.bias.shape)}")
# --8<-- [end:mapping]

# --8<-- [start:data]
# 두 프로그램이 각자 만든 배열입니다(메모리를 나누지 않습니다). dtype도 비교합니다.
check(
    "data", "학습 특징 (353, 10)", tf_side.x_train, pt_side.x_train, EXACT, dtype=True
)
check("data", "평가 특징 (89, 10)", tf_side.x_test, pt_side.x_test, EXACT, dtype=True)
# PyTorch 쪽 타깃은 (N, 1) 열 벡터라서 펼쳐서 비교합니다
y_pt = pt_side.y_train[:, 0]
check("data", "학습 타깃", tf_side.y_train, y_pt, EXACT, dtype=True)
# --8<-- [end:data]

# --8<-- [start:model]
check(
    "model",
    "처음 예측 (353, 1)",
    tf_side.model(tf_side.x_train),
    linear(pt_side.x_train),
    FORWARD,
)
n_params = sum(p.numel() for p in pt_side.model.parameters())
check("model", "파라미터 수", tf_side.model.count_params(), n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:dtype]
tf_side.run("dtype")
pt_side.run("dtype")
# Keras가 스스로 바꾼 float64 입력 = PyTorch에서 .float()로 직접 바꾼 입력
check(
    "dtype",
    "float64 배열 세 줄의 예측",
    tf_side.prediction,
    pt_side.prediction,
    FORWARD,
)
# --8<-- [end:dtype]

# --8<-- [start:loss]
tf_side.run("loss")
pt_side.run("loss")
check(
    "loss",
    'MSE: "sum_over_batch_size" ↔ "mean"',
    tf_side.mean_value,
    pt_side.mean_value,
    FORWARD,
)
check("loss", 'MSE: "sum" ↔ "sum"', tf_side.sum_value, pt_side.sum_value, FORWARD)
# --8<-- [end:loss]

# --8<-- [start:optimizer]
tf_side.run("optimizer")
pt_side.run("optimizer")
# 학습 직전, 두 프로그램이 compile·loss_fn으로 정한 손실의 기울기를 비교합니다
with tf.GradientTape() as tape:
    tf_loss = tf_side.model.loss(tf_side.y_train, tf_side.model(tf_side.x_train))
tf_grad_kernel, tf_grad_bias = tape.gradient(tf_loss, [dense.kernel, dense.bias])
pt_side.optimizer.zero_grad()
pt_loss = pt_side.loss_fn(pt_side.model(pt_side.x_train), pt_side.y_train)
pt_loss.backward()
check("optimizer", "compile의 손실 ↔ loss_fn", tf_loss, pt_loss, FORWARD)
gradients = {
    "kernel.T ↔ weight": (
        tf_grad_kernel.numpy().T,
        linear.weight.grad,
    ),  # 가중치처럼 전치
    "bias ↔ bias": (tf_grad_bias, linear.bias.grad),
}
check_tensors("optimizer", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:optimizer]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: Keras는 fit, PyTorch는 train_step 반복
from data import EPOCHS

tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check("train", f"{EPOCHS} 에포크의 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
tf_weight = dense.kernel.numpy().T
check("train", "학습 뒤 kernel.T ↔ weight", tf_weight, linear.weight, SGD_WEIGHTS)
check("train", "학습 뒤 bias ↔ bias", dense.bias, linear.bias, SGD_WEIGHTS)
# 학습한 모델의 평가 데이터 예측 (0이 아닌, 의미 있는 출력에서의 순전파)
with torch.no_grad():
    pt_test = linear(pt_side.x_test)
check(
    "train", "학습한 모델의 평가 예측", tf_side.model(tf_side.x_test), pt_test, FORWARD
)

epochs = np.arange(1, len(tf_losses) + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.6))
ax.plot(epochs, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="Keras fit")
ax.plot(epochs, pt_losses, color="tab:blue", linestyle="--", label="PyTorch 학습 루프")
ax.set_xlabel("에포크")
ax.set_ylabel("학습 MSE")
ax.set_title("같은 초깃값에서 출발한 두 손실 곡선")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
tf_side.run("evaluate")
pt_side.run("evaluate")
check("evaluate", "평가 MSE", tf_side.test_mse, pt_side.test_mse, FORWARD)
check("evaluate", "출력한 가중치 10개", tf_side.weights, pt_side.weights, SGD_WEIGHTS)
# --8<-- [end:evaluate]

# --8<-- [start:scaling]
# scaling 섹션은 양쪽 모두 가중치 0에서 출발하므로 복사한 가중치와 상관이 없습니다
tf_side.run("scaling")
pt_side.run("scaling")
for name, label in (
    ("scaled_losses", "표준화한 특징의 손실 궤적"),
    ("crawl_losses", "원래 단위, 작은 학습률의 손실 궤적"),
):
    tf_value, pt_value = getattr(tf_side, name), getattr(pt_side, name)
    check("scaling", label, tf_value, pt_value, SGD_STEPS, copied=False)
steps = len(tf_side.raw_losses), len(pt_side.raw_losses)
check("scaling", "원래 단위, lr=0.1: 멈출 때까지 갱신 횟수", *steps, EXACT)
# --8<-- [end:scaling]
