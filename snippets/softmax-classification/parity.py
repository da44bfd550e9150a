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
dense = tf_side.model.layers[0]  # keras.layers.Dense(3)
linear = pt_side.model  # nn.Linear(4, 3)
with torch.no_grad():
    # Dense의 kernel은 (입력, 출력) = (4, 3), Linear의 weight는 (출력, 입력) = (3, 4)
    linear.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))  # bias는 둘 다 (3,)
mark_weights_copied()
kernel_shape, weight_shape = tuple(dense.kernel.shape), tuple(linear.weight.shape)
print(f"kernel {kernel_shape} → 전치 → weight {weight_shape}")
print(f"bias {tuple(dense.bias.shape)} → 그대로 → bias {tuple(linear.bias.shape)}")
# --8<-- [end:mapping]

# --8<-- [start:data]
# tf.data가 만든 배치(TensorFlow 텐서) ↔ PyTorch 텐서. 레이블은 dtype까지 비교합니다
tf_x, tf_y = tf_side.x_batch, tf_side.y_batch
check("data", "학습 특징 (120, 4)", tf_x, pt_side.x_train, EXACT, dtype=True)
check("data", "학습 레이블 (120,) int64", tf_y, pt_side.y_train, EXACT, dtype=True)
tf_counts, pt_counts = np.bincount(tf_side.Y_TEST), torch.bincount(pt_side.y_test)
check("data", "평가 데이터의 클래스별 개수", tf_counts, pt_counts, EXACT)
# --8<-- [end:data]

# --8<-- [start:model]
with torch.no_grad():
    pt_logits = linear(pt_side.x_train)
tf_logits = tf_side.model(tf_side.X_TRAIN)
check("model", "학습 데이터의 로짓 (120, 3)", tf_logits, pt_logits, FORWARD)
n_params = sum(p.numel() for p in linear.parameters())
check("model", "파라미터 수", tf_side.model.count_params(), n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:loss]
tf_side.run("loss")
pt_side.run("loss")
label = "SparseCategoricalCrossentropy ↔ CrossEntropyLoss"
check("loss", label, tf_side.loss, pt_side.loss, FORWARD)
check(
    "loss",
    "LogSoftmax + NLLLoss ↔ 직접 계산",
    tf_side.by_hand,
    pt_side.by_parts,
    FORWARD,
)
label = "로짓에 대한 기울기 (120, 3)"
check("loss", label, tf_side.grad_logits, pt_side.grad_logits, GRADIENT)
# --8<-- [end:loss]

# --8<-- [start:labels]
tf_side.run("labels")
pt_side.run("labels")
tf_losses, pt_losses = tf_side.label_losses, pt_side.label_losses
for tf_dtype, pt_dtype in (("int32", "int64"), ("uint8", "uint8")):
    label = f"Keras {tf_dtype} 레이블 ↔ PyTorch {pt_dtype} 레이블의 손실"
    check("labels", label, tf_losses[tf_dtype], pt_losses[pt_dtype], FORWARD)
# --8<-- [end:labels]

# --8<-- [start:onehot]
tf_side.run("onehot")
pt_side.run("onehot")
tf_one_hot, pt_one_hot = tf_side.one_hot_train, pt_side.one_hot_train
check("onehot", "to_categorical ↔ F.one_hot (값)", tf_one_hot, pt_one_hot, EXACT)
label = "CategoricalCrossentropy ↔ 확률 타깃의 CrossEntropyLoss"
check(
    "onehot",
    label,
    tf_side.dense_ce(tf_one_hot, tf_side.logits),
    pt_side.dense_value,
    FORWARD,
)
label = "label_smoothing 0.1: one-hot ↔ 클래스 번호"
check("onehot", label, tf_side.smoothed, pt_side.smoothed, FORWARD)
# --8<-- [end:onehot]

# --8<-- [start:pitfalls]
tf_side.run("pitfalls")
pt_side.run("pitfalls")
# 고정된 로짓에서 계산한 값이라 가중치와 상관없습니다
label = "자신 있게 맞힌 로짓의 손실"
check("pitfalls", label, tf_side.right, pt_side.right, FORWARD, copied=False)
label = "소프트맥스를 두 번 걸친 손실 (즉시 실행)"
check("pitfalls", label, tf_side.twice, pt_side.twice, FORWARD, copied=False)
# --8<-- [end:pitfalls]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
# 학습 직전, 두 프로그램이 compile·loss_fn으로 정한 손실과 그 기울기를 비교합니다
with tf.GradientTape() as tape:
    tf_loss = tf_side.model.loss(tf_side.Y_TRAIN, tf_side.model(tf_side.X_TRAIN))
tf_grad_kernel, tf_grad_bias = tape.gradient(tf_loss, [dense.kernel, dense.bias])
pt_side.optimizer.zero_grad()
pt_loss = pt_side.loss_fn(linear(pt_side.x_train), pt_side.y_train)
pt_loss.backward()
check("step", "compile의 손실 ↔ loss_fn", tf_loss, pt_loss, FORWARD)
gradients = {
    "kernel.T ↔ weight": (tf_grad_kernel.numpy().T, linear.weight.grad),  # 전치
    "bias ↔ bias": (tf_grad_bias, linear.bias.grad),
}
check_tensors("step", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS, N_TRAIN

# 페이지의 train 섹션을 그대로 실행합니다: Keras는 fit, PyTorch는 train_step 반복
tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check("train", f"{EPOCHS} 에포크의 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
tf_correct = np.round(np.array(tf_side.accuracies) * N_TRAIN)
pt_correct = np.round(np.array(pt_side.accuracies) * N_TRAIN)
check("train", f"에포크마다 맞힌 개수 ({N_TRAIN}개 중)", tf_correct, pt_correct, EXACT)
tf_weight = dense.kernel.numpy().T
check("train", "학습 뒤 kernel.T ↔ weight", tf_weight, linear.weight, SGD_WEIGHTS)
check("train", "학습 뒤 bias ↔ bias", dense.bias, linear.bias, SGD_WEIGHTS)

epochs = np.arange(1, len(tf_losses) + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.6))
ax.plot(epochs, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="Keras fit")
ax.plot(epochs, pt_losses, color="tab:blue", linestyle="--", label="PyTorch 학습 루프")
ax.set_xlabel("에포크")
ax.set_ylabel("학습 손실")
ax.set_title("같은 초깃값에서 출발한 두 손실 곡선")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:predict]
tf_side.run("predict")
pt_side.run("predict")
label = "평가 데이터의 로짓 (30, 3)"
check("predict", label, tf_side.test_logits, pt_side.test_logits, FORWARD)
check(
    "predict", "argmax로 고른 클래스 (30,)", tf_side.predicted, pt_side.predicted, EXACT
)
check("predict", "출력한 확률 (3, 3)", tf_side.test_probs, pt_side.test_probs, FORWARD)
# --8<-- [end:predict]

# --8<-- [start:learning-rate]
from data import LEARNING_RATES

# 가중치 0에서 출발하는 세 학습이라 복사한 가중치와 상관없습니다
tf_side.run("learning-rate")
pt_side.run("learning-rate")
small, main, large = LEARNING_RATES
for rate in (small, main):
    tf_curve, pt_curve = tf_side.lr_losses[rate], pt_side.lr_losses[rate]
    label = f"학습률 {rate:g}: {EPOCHS} 에포크의 손실 궤적"
    check("learning-rate", label, tf_curve, pt_curve, SGD_STEPS, copied=False)
# 너무 큰 학습률에서는 갱신마다 반올림 오차가 커집니다. 처음 구간만 궤적을 비교합니다.
STABLE = 20
tf_curve, pt_curve = (
    np.array(tf_side.lr_losses[large]),
    np.array(pt_side.lr_losses[large]),
)
label = f"학습률 {large:g}: 처음 {STABLE} 에포크의 손실 궤적"
check(
    "learning-rate",
    label,
    tf_curve[:STABLE],
    pt_curve[:STABLE],
    SGD_STEPS,
    copied=False,
)
gap = np.abs(tf_curve - pt_curve)
print(f"학습률 {large:g}, 두 곡선의 차이")
print(f"  처음 {STABLE} 에포크의 최댓값: {gap[:STABLE].max():.1e}")
print(f"  {EPOCHS} 에포크 전체의 최댓값: {gap.max():.1e}")
# --8<-- [end:learning-rate]
