# 두 구현이 정말 같은 모델인지 숫자로 확인합니다.
# Keras 가중치를 PyTorch 모델에 그대로 옮긴 뒤 출력·손실·기울기·학습 궤적을 비교합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
import contextlib
import io
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
import torch

from sidebyside.parity import EXACT, FORWARD, GRADIENT, SGD_STEPS, check
from sidebyside.sections import load_sections

HERE = Path(__file__).resolve().parent
# 페이지에 보이는 바로 그 코드를 불러옵니다. train·evaluate 섹션은 실행하지 않습니다.
SECTIONS = ("data", "model", "dtype", "loss", "optimizer", "scaling")
with contextlib.redirect_stdout(io.StringIO()):  # 섹션이 찍는 출력은 여기서는 숨깁니다
    tf_side = load_sections(HERE / "tensorflow_code.py", *SECTIONS)
    pt_side = load_sections(HERE / "pytorch_code.py", *SECTIONS)
# --8<-- [end:load]

# --8<-- [start:mapping]
dense = tf_side.model.layers[0]  # keras.layers.Dense(1)
linear = pt_side.model[0]  # nn.Linear(10, 1)
with torch.no_grad():
    # Dense의 kernel은 (입력, 출력) = (10, 1), Linear의 weight는 (출력, 입력) = (1, 10)
    linear.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))  # bias는 둘 다 (1,)
kernel_shape, weight_shape = tuple(dense.kernel.shape), tuple(linear.weight.shape)
print(f"kernel {kernel_shape} → 전치 → weight {weight_shape}")
print(f"bias {tuple(dense.bias.shape)} → 그대로 → bias {tuple(linear.bias.shape)}")
# --8<-- [end:mapping]

# --8<-- [start:data]
check("data", "학습 특징 (353, 10) float32", tf_side.x_train, pt_side.x_train, EXACT)
check("data", "평가 특징 (89, 10)", tf_side.x_test, pt_side.x_test, EXACT)
# PyTorch 쪽 타깃은 (N, 1) 열 벡터라서 펼쳐서 비교합니다
check("data", "학습 타깃", tf_side.y_train, pt_side.y_train[:, 0], EXACT)
# --8<-- [end:data]

# --8<-- [start:model]
tf_pred = tf_side.model(tf_side.x_train)
pt_pred = pt_side.model(pt_side.x_train)
check("model", "예측 (353, 1)", tf_pred, pt_pred, FORWARD)
n_params = sum(p.numel() for p in pt_side.model.parameters())
check("model", "파라미터 수", tf_side.model.count_params(), n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:dtype]
from data import X_TRAIN  # float64

# Keras가 조용히 바꾼 float64 입력 = PyTorch에서 .float()로 직접 바꾼 입력
x64_keras = tf_side.model(X_TRAIN)
x64_torch = pt_side.model(torch.from_numpy(X_TRAIN).float())
check("dtype", "float64 배열을 넣은 예측", x64_keras, x64_torch, FORWARD)
# --8<-- [end:dtype]

# --8<-- [start:loss]
tf_mean = tf_side.mse(tf_side.y_train, tf_pred)  # 타깃 (N,), 예측 (N, 1)
pt_mean = pt_side.mse(pt_pred, pt_side.y_train)  # 타깃 (N, 1), 예측 (N, 1)
check("loss", 'MSE: "sum_over_batch_size" ↔ "mean"', tf_mean, pt_mean, FORWARD)
tf_sum = tf_side.mse_sum(tf_side.y_train, tf_pred)
pt_sum = pt_side.mse_sum(pt_pred, pt_side.y_train)
check("loss", 'MSE: "sum" ↔ "sum"', tf_sum, pt_sum, FORWARD)
# --8<-- [end:loss]

# --8<-- [start:optimizer]
with tf.GradientTape() as tape:
    tf_loss = tf_side.model.loss(tf_side.y_train, tf_side.model(tf_side.x_train))
tf_grad_kernel, tf_grad_bias = tape.gradient(tf_loss, [dense.kernel, dense.bias])

pt_side.optimizer.zero_grad()
pt_loss = pt_side.loss_fn(pt_side.model(pt_side.x_train), pt_side.y_train)
pt_loss.backward()
check("optimizer", "compile의 손실 ↔ loss_fn", tf_loss, pt_loss, FORWARD)
grad_weight = tf_grad_kernel.numpy().T  # 기울기도 가중치와 같은 규칙으로 전치
check(
    "optimizer",
    "kernel.T 기울기 ↔ weight.grad",
    grad_weight,
    linear.weight.grad,
    GRADIENT,
)
check("optimizer", "bias 기울기 ↔ bias.grad", tf_grad_bias, linear.bias.grad, GRADIENT)
# --8<-- [end:optimizer]

# --8<-- [start:train]
from data import EPOCHS

# 같은 가중치에서 페이지의 코드 그대로 학습합니다: Keras는 fit, PyTorch는 train_step
history = tf_side.model.fit(tf_side.train_ds, epochs=EPOCHS, verbose=0)
tf_losses = history.history["loss"]
epochs = np.arange(1, EPOCHS + 1)
pt_losses = [pt_side.train_step(pt_side.x_train, pt_side.y_train) for _ in epochs]
check("train", f"SGD {EPOCHS}단계의 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
tf_weight = dense.kernel.numpy().T
check("train", "학습 뒤 kernel.T ↔ weight", tf_weight, linear.weight, SGD_STEPS)
check("train", "학습 뒤 bias ↔ bias", dense.bias, linear.bias, SGD_STEPS)

# 차이를 float32의 눈금 간격(ULP: 그 크기의 수 바로 옆 float32까지의 거리) 단위로 잽니다
ulp = np.spacing(np.float32(tf_losses))
gap_in_ulp = np.abs(np.array(tf_losses) - np.array(pt_losses)) / ulp
fig, (ax, ax_gap) = plt.subplots(1, 2, figsize=(8.4, 3.2))
ax.plot(epochs, tf_losses, color="tab:orange", lw=4, alpha=0.6, label="Keras fit")
ax.plot(epochs, pt_losses, color="tab:blue", linestyle="--", label="PyTorch 반복문")
ax.set_xlabel("에포크")
ax.set_ylabel("학습 MSE")
ax.set_title("같은 초기값에서 출발한 손실 곡선")
ax.legend()
ax_gap.plot(epochs, gap_in_ulp, marker="o", markersize=3, color="tab:gray")
ax_gap.set_xlabel("에포크")
ax_gap.set_ylabel("|Keras − PyTorch| (float32 ULP)")
ax_gap.set_yticks(range(int(gap_in_ulp.max()) + 2))
ax_gap.set_title("두 곡선의 차이")
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
tf_test = tf_side.model.evaluate(tf_side.x_test, tf_side.y_test, verbose=0)
with torch.no_grad():
    pt_test = pt_side.loss_fn(pt_side.model(pt_side.x_test), pt_side.y_test).item()
check("evaluate", "학습한 모델의 평가 MSE", tf_test, pt_test, FORWARD)
# --8<-- [end:evaluate]

# --8<-- [start:scaling]
# scaling 섹션은 양쪽 모두 가중치 0에서 출발하므로 복사할 것이 없습니다
check(
    "scaling",
    "표준화한 특징의 손실 궤적",
    tf_side.scaled_losses,
    pt_side.scaled_losses,
    SGD_STEPS,
)
check(
    "scaling",
    "원래 단위, 작은 lr의 손실 궤적",
    tf_side.crawl_losses,
    pt_side.crawl_losses,
    SGD_STEPS,
)
check(
    "scaling",
    "원래 단위, lr=0.1: 멈출 때까지의 갱신 횟수",
    len(tf_side.raw_losses),
    len(pt_side.raw_losses),
    EXACT,
)
# --8<-- [end:scaling]
