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
# 동등성 검증 모드: data.py가 드롭아웃을 0으로 둡니다 (난수 마스크는 맞출 수 없습니다)
PARITY_MODE = {"SIDEBYSIDE_PARITY_MODE": "1"}
first = ("data", "conv-layer", "padding", "output-size", "model")
tf_side = ProgramSections(HERE / "tensorflow_code.py", environ=PARITY_MODE).run(*first)
pt_side = ProgramSections(HERE / "pytorch_code.py", environ=PARITY_MODE).run(*first)
# --8<-- [end:load]


# --8<-- [start:mapping]
def conv_weight(kernel):
    """Conv2D kernel (kh, kw, 입력, 출력) → Conv2d weight (출력, 입력, kh, kw)."""
    return torch.from_numpy(kernel.numpy().transpose(3, 2, 0, 1))


def dense_weight_after_flatten(kernel, height, width, channels):
    """Flatten 뒤의 Dense kernel → Linear weight.

    Keras kernel의 행은 (h, w, c) 순서로 펼친 특징, PyTorch weight의 열은
    (c, h, w) 순서로 펼친 특징에 곱해집니다.
    """
    rows = kernel.numpy().reshape(height, width, channels, -1)  # (h, w, c, 출력)
    weight = rows.transpose(3, 2, 0, 1)  # (출력, c, h, w)
    return torch.from_numpy(weight.reshape(weight.shape[0], -1))  # (출력, c·h·w)


def copy_conv(keras_conv, torch_conv):
    with torch.no_grad():
        torch_conv.weight.copy_(conv_weight(keras_conv.kernel))
        torch_conv.bias.copy_(torch.from_numpy(keras_conv.bias.numpy()))


keras_model, torch_model = tf_side.model, pt_side.model
conv1, _, conv2, _, _, _, dense = (
    keras_model.layers
)  # 풀링·Flatten·Dropout은 가중치 없음
linear = torch_model[8]
copy_conv(conv1, torch_model[0])
copy_conv(conv2, torch_model[3])
_, h, w, c = keras_model.layers[3].output.shape  # 마지막 풀링의 출력 (None, 2, 2, 32)

# 흔한 실수: Dense를 nn.Linear처럼 전치만 해서 옮기기.
# 모양 (10, 128)이 맞으므로 오류가 나지 않습니다.
with torch.no_grad():
    linear.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))
    wrong = torch_model(pt_side.x_test).numpy()
keras_logits = keras_model(tf_side.x_test).numpy()
agree = np.mean(wrong.argmax(1) == keras_logits.argmax(1))
print(f"전치만 한 경우: 로짓 최대 차이 {np.abs(wrong - keras_logits).max():.3f}")
print(f"               예측이 같은 비율 {agree:.3f}")

# 바른 옮기기: 행을 (h, w, c) 순서에서 (c, h, w) 순서로 바꿉니다
with torch.no_grad():
    linear.weight.copy_(dense_weight_after_flatten(dense.kernel, h, w, c))
mark_weights_copied()
for name, kernel, weight in (
    ("Conv2D 1", conv1.kernel, torch_model[0].weight),
    ("Conv2D 2", conv2.kernel, torch_model[3].weight),
    ("Dense", dense.kernel, linear.weight),
):
    print(f"{name:>8}: kernel {tuple(kernel.shape)} → weight {tuple(weight.shape)}")
# --8<-- [end:mapping]

# --8<-- [start:data]
# 두 프로그램이 각자 만든 배열입니다. NHWC를 NCHW로 바꿔 비교합니다.
check(
    "data",
    "학습 이미지 (N, 8, 8, 1) → (N, 1, 8, 8)",
    tf_side.x_train.transpose(0, 3, 1, 2),
    pt_side.x_train,
    EXACT,
    dtype=True,
)
check(
    "data",
    "평가 이미지",
    tf_side.x_test.transpose(0, 3, 1, 2),
    pt_side.x_test,
    EXACT,
    dtype=True,
)
# tf.data 파이프라인이 만든 첫 배치 = PyTorch 학습 루프가 자르는 첫 배치
tf_images = tf.transpose(tf_side.images, (0, 3, 1, 2))
check("data", "첫 배치 이미지", tf_images, pt_side.images, EXACT, dtype=True)
check("data", "첫 배치 레이블", tf_side.labels, pt_side.labels, EXACT, dtype=True)
# --8<-- [end:data]

# --8<-- [start:conv-layer]
copy_conv(tf_side.conv, pt_side.conv)
x_tf, x_pt = tf_side.x_train[:8], pt_side.x_train[:8]
check(
    "conv-layer",
    "Conv2D ↔ Conv2d 출력 (NHWC → NCHW)",
    tf.transpose(tf_side.conv(x_tf), (0, 3, 1, 2)),
    pt_side.conv(x_pt),
    FORWARD,
)
# --8<-- [end:conv-layer]

# --8<-- [start:padding]
copy_conv(tf_side.strided, pt_side.strided[1])
copy_conv(tf_side.strided, pt_side.symmetric)
strided_tf = tf.transpose(tf_side.strided(x_tf), (0, 3, 1, 2)).numpy()
check(
    "padding",
    "stride 2 'same' ↔ ZeroPad2d(0, 1, 0, 1) + Conv2d",
    strided_tf,
    pt_side.strided(x_pt),
    FORWARD,
)
# padding=1도 출력은 4×4이지만 값이 다릅니다 (검사가 아니라 차이만 출력)
symmetric_gap = np.abs(strided_tf - pt_side.symmetric(x_pt).detach().numpy()).max()
print(f"Conv2d(padding=1)과 'same'의 최대 차이: {symmetric_gap:.3f}")
check(
    "padding",
    "MaxPooling2D 'same' ↔ MaxPool2d(ceil_mode=True), 7×7",
    tf.transpose(tf_side.pooled, (0, 3, 1, 2)),
    pt_side.pooled,
    EXACT,
)
# --8<-- [end:padding]

# --8<-- [start:output-size]
check("output-size", "풀링 출력 크기 6가지", tf_side.sizes, pt_side.sizes, EXACT)
# --8<-- [end:output-size]

# --8<-- [start:model]
torch_model.eval()
with torch.no_grad():
    torch_logits = torch_model(pt_side.x_test)
check(
    "model", "처음 로짓 (360, 10)", keras_model(tf_side.x_test), torch_logits, FORWARD
)
n_params = sum(p.numel() for p in torch_model.parameters())
check("model", "파라미터 수", keras_model.count_params(), n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:flatten]
tf_side.run("flatten")
pt_side.run("flatten")
check(
    "flatten",
    "Flatten ↔ permute(0, 2, 3, 1).flatten(1)",
    tf_side.flat,
    pt_side.flat_like_keras,
    EXACT,
)
# --8<-- [end:flatten]

# --8<-- [start:lazy]
tf_side.run("lazy")
pt_side.run("lazy")
check("lazy", "알아낸 입력 크기", tf_side.in_features, pt_side.in_features, EXACT)
# --8<-- [end:lazy]

# --8<-- [start:optimizer]
tf_side.run("optimizer")
pt_side.run("optimizer")
check("optimizer", "첫 배치의 손실", tf_side.start_loss, pt_side.start_loss, FORWARD)
# 첫 배치의 기울기: Keras는 GradientTape, PyTorch는 backward()
x_tf, y_tf = tf_side.images, tf_side.labels
with tf.GradientTape() as tape:
    tf_loss = keras_model.loss(y_tf, keras_model(x_tf, training=True))
variables = [
    conv1.kernel,
    conv1.bias,
    conv2.kernel,
    conv2.bias,
    dense.kernel,
    dense.bias,
]
g = tape.gradient(tf_loss, variables)
torch_model.train()
pt_side.optimizer.zero_grad()
pt_side.loss_fn(torch_model(pt_side.images), pt_side.labels).backward()
# 기울기도 가중치와 똑같은 규칙으로 옮겨 비교합니다
gradients = {
    "Conv2D 1 kernel": (conv_weight(g[0]), torch_model[0].weight.grad),
    "Conv2D 1 bias": (g[1], torch_model[0].bias.grad),
    "Conv2D 2 kernel": (conv_weight(g[2]), torch_model[3].weight.grad),
    "Conv2D 2 bias": (g[3], torch_model[3].bias.grad),
    "Dense kernel": (dense_weight_after_flatten(g[4], h, w, c), linear.weight.grad),
    "Dense bias": (g[5], linear.bias.grad),
}
check_tensors("optimizer", "첫 배치의 기울기 (텐서마다)", gradients, GRADIENT)
pt_side.optimizer.zero_grad()
# --8<-- [end:optimizer]

# --8<-- [start:train]
from data import EPOCHS

# 페이지의 train 섹션을 그대로 실행합니다: Keras는 fit, PyTorch는 train_step 반복
tf_side.run("train")
pt_side.run("train")
check(
    "train", f"{EPOCHS} 에포크의 학습 손실", tf_side.losses, pt_side.losses, SGD_STEPS
)
check(
    "train",
    f"{EPOCHS} 에포크의 평가 손실",
    tf_side.val_losses,
    pt_side.val_losses,
    SGD_STEPS,
)
check(
    "train",
    f"{EPOCHS} 에포크의 평가 정확도",
    tf_side.val_accuracies,
    pt_side.val_accuracies,
    SGD_STEPS,
)
weights = {
    "Conv2D 1 kernel": (conv_weight(conv1.kernel), torch_model[0].weight),
    "Conv2D 1 bias": (conv1.bias, torch_model[0].bias),
    "Conv2D 2 kernel": (conv_weight(conv2.kernel), torch_model[3].weight),
    "Conv2D 2 bias": (conv2.bias, torch_model[3].bias),
    "Dense kernel": (dense_weight_after_flatten(dense.kernel, h, w, c), linear.weight),
    "Dense bias": (dense.bias, linear.bias),
}
check_tensors("train", "학습 뒤 가중치 (텐서마다)", weights, SGD_WEIGHTS)

epochs = np.arange(1, EPOCHS + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(6.4, 3.0))
for ax, name, ylabel in (
    (ax_loss, "losses", "학습 손실"),
    (ax_acc, "val_accuracies", "평가 정확도"),
):
    ax.plot(epochs, getattr(tf_side, name), color="tab:orange", lw=5, alpha=0.5)
    ax.plot(epochs, getattr(pt_side, name), color="tab:blue", ls="--")
    ax.set_xlabel("에포크")
    ax.set_ylabel(ylabel)
ax_loss.legend(["Keras fit", "PyTorch 학습 루프"])
fig.suptitle("같은 초깃값에서 출발한 두 학습", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
tf_side.run("evaluate")
pt_side.run("evaluate")
check(
    "evaluate",
    "학습한 모델의 평가 로짓",
    tf_side.test_logits,
    pt_side.test_logits,
    FORWARD,
)
check("evaluate", "출력한 예측", tf_side.predictions, pt_side.predictions, EXACT)
check("evaluate", "평가 정확도", tf_side.test_accuracy, pt_side.test_accuracy, EXACT)
# 그림의 필터 16개: (3, 3, 16) → (16, 3, 3)
tf_filters = tf_side.kernel.transpose(2, 0, 1)
check("evaluate", "그림에 그린 필터", tf_filters, pt_side.kernel, SGD_WEIGHTS)
# --8<-- [end:evaluate]
