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
first = ("data", "padding", "block", "model")
tf_side = ProgramSections(HERE / "tensorflow_code.py").run(*first)
pt_side = ProgramSections(HERE / "pytorch_code.py").run(*first)
# --8<-- [end:load]


# --8<-- [start:mapping]
def conv_weight(kernel):
    """Conv2D kernel (kh, kw, 입력, 출력) → Conv2d weight (출력, 입력, kh, kw)."""
    return kernel.numpy().transpose(3, 2, 0, 1)


def dense_weight_after_flatten(kernel, height, width, channels):
    """Flatten 뒤의 Dense kernel: 행 순서 (h, w, c) → Linear weight (출력, c·h·w)."""
    rows = kernel.numpy().reshape(height, width, channels, -1)  # (h, w, c, 출력)
    weight = rows.transpose(3, 2, 0, 1)  # (출력, c, h, w)
    return weight.reshape(weight.shape[0], -1)


# Keras 층 이름의 끝 = PyTorch InceptionBlock의 속성 이름
BRANCH_LAYERS = [
    "branch1x1",
    "branch5x5_reduce",
    "branch5x5",
    "branch3x3_reduce",
    "branch3x3a",
    "branch3x3b",
    "branch_pool",
]
keras_model, torch_model = tf_side.model, pt_side.model
# PyTorch 모듈 경로 → Keras 층. 위치가 아니라 이름으로 짝을 짓습니다.
conv_layers = {
    "conv1": keras_model.get_layer("conv1"),
    "conv2": keras_model.get_layer("conv2"),
}
for block in ("inc1", "inc2"):
    for name in BRANCH_LAYERS:
        conv_layers[f"{block}.{name}"] = keras_model.get_layer(f"{block}_{name}")
fc = keras_model.get_layer("fc")
_, h, w, c = keras_model.get_layer("flatten").input.shape  # (None, 4, 4, 88)


def in_torch_layout(value_of):
    """Keras 변수마다 value_of(변수)를 PyTorch 파라미터 이름과 모양으로 바꿉니다."""
    values = {}
    for path, layer in conv_layers.items():
        values[f"{path}.weight"] = conv_weight(value_of(layer.kernel))
        values[f"{path}.bias"] = value_of(layer.bias).numpy()
    values["fc.weight"] = dense_weight_after_flatten(value_of(fc.kernel), h, w, c)
    values["fc.bias"] = value_of(fc.bias).numpy()
    return values


initial = in_torch_layout(lambda variable: variable)  # 가중치 자체
with torch.no_grad():
    for name, parameter in torch_model.named_parameters():
        parameter.copy_(torch.from_numpy(initial[name]))
mark_weights_copied()
print(f"합성곱 {len(conv_layers)}개: (kh, kw, 입력, 출력) → (출력, 입력, kh, kw)")
print(f"fc: 행을 (h, w, c) = {(h, w, c)} 순서에서 (c, h, w) 순서로")
print(
    f"    kernel {tuple(fc.kernel.shape)} → weight {tuple(torch_model.fc.weight.shape)}"
)
print("옮긴 파라미터 텐서:", len(initial), "개")
# --8<-- [end:mapping]

# --8<-- [start:data]
check(
    "data",
    "학습 이미지 (N, 8, 8, 1) → (N, 1, 8, 8)",
    tf_side.x_train.transpose(0, 3, 1, 2),
    pt_side.x_train,
    EXACT,
    dtype=True,
)
tf_images = tf.transpose(tf_side.images, (0, 3, 1, 2))
check("data", "첫 배치 이미지", tf_images, pt_side.images, EXACT, dtype=True)
check("data", "첫 배치 레이블", tf_side.labels, pt_side.labels, EXACT, dtype=True)
# --8<-- [end:data]

# --8<-- [start:padding]
# 가중치가 모두 1인 2×2 합성곱: 두 프로그램이 각자 계산한 결과
tf_even = tf.transpose(tf_side.even_out, (0, 3, 1, 2))
check(
    "padding", "2×2 'same' ↔ Conv2d(padding='same')", tf_even, pt_side.even_out, EXACT
)
check(
    "padding", "2×2 'same' ↔ ZeroPad2d + Conv2d", tf_even, pt_side.explicit_out, EXACT
)
tf_average = tf.transpose(tf_side.average_out, (0, 3, 1, 2))
check(
    "padding",
    "평균 풀링 'same' ↔ count_include_pad=False",
    tf_average,
    pt_side.average_out,
    FORWARD,
)
# --8<-- [end:padding]

# --8<-- [start:block]
tf_block, pt_block = tf_side.block_demo, pt_side.block_demo
with torch.no_grad():
    for name in BRANCH_LAYERS:
        layer, conv = tf_block.get_layer(f"demo_{name}"), getattr(pt_block, name)
        conv.weight.copy_(torch.from_numpy(conv_weight(layer.kernel)))
        conv.bias.copy_(torch.from_numpy(layer.bias.numpy()))
x = np.random.default_rng(0).normal(size=(8, 4, 4, 10)).astype(np.float32)
with torch.no_grad():
    pt_block_out = pt_block(torch.from_numpy(x.transpose(0, 3, 1, 2)))
check(
    "block",
    "블록 출력 (8, 4, 4, 88) → (8, 88, 4, 4)",
    tf.transpose(tf_block(x), (0, 3, 1, 2)),
    pt_block_out,
    FORWARD,
)
n_block = sum(p.numel() for p in pt_block.parameters())
check("block", "블록 파라미터 수", tf_block.count_params(), n_block, EXACT)
# --8<-- [end:block]

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

# --8<-- [start:flatten-size]
tf_side.run("flatten-size")
pt_side.run("flatten-size")
tf_size, pt_size = tf_side.in_features, pt_side.in_features
check("flatten-size", "Dense ↔ LazyLinear의 입력 크기", tf_size, pt_size, EXACT)
# --8<-- [end:flatten-size]

# --8<-- [start:subclass]
# TF 프로그램이 Functional 모델의 가중치를 서브클래싱 모델로 옮겨 둡니다
tf_side.run("subclass")
pt_side.run("subclass")
check(
    "subclass",
    "서브클래싱 모델 ↔ nn.Module, 처음 로짓",
    tf_side.subclassed(tf_side.x_test),
    torch_logits,
    FORWARD,
)
n_subclassed = tf_side.subclassed.count_params()
check("subclass", "서브클래싱 모델의 파라미터 수", n_subclassed, n_params, EXACT)
# --8<-- [end:subclass]

# --8<-- [start:optimizer]
tf_side.run("optimizer")
pt_side.run("optimizer")
check("optimizer", "첫 배치의 손실", tf_side.start_loss, pt_side.start_loss, FORWARD)
# 첫 배치의 기울기를 가중치와 똑같은 규칙으로 옮겨 텐서마다 비교합니다
with tf.GradientTape() as tape:
    logits = keras_model(tf_side.images, training=True)
    tf_loss = keras_model.loss(tf_side.labels, logits)
variables = keras_model.trainable_variables
gradient_of = dict(zip(map(id, variables), tape.gradient(tf_loss, variables)))
tf_gradients = in_torch_layout(lambda variable: gradient_of[id(variable)])
torch_model.train()
pt_side.optimizer.zero_grad()
pt_side.loss_fn(torch_model(pt_side.images), pt_side.labels).backward()
gradients = {
    name: (tf_gradients[name], parameter.grad)
    for name, parameter in torch_model.named_parameters()
}
check_tensors("optimizer", "첫 배치의 기울기 (텐서 34개)", gradients, GRADIENT)
pt_side.optimizer.zero_grad()
# --8<-- [end:optimizer]

# --8<-- [start:train]
from data import EPOCHS

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
trained = in_torch_layout(lambda variable: variable)
weights = {name: (trained[name], p) for name, p in torch_model.named_parameters()}
check_tensors("train", "학습 뒤 가중치 (텐서 34개)", weights, SGD_WEIGHTS)

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
ax_loss.legend(["Keras Functional + fit", "PyTorch nn.Module"])
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
check(
    "evaluate",
    "그림의 가지별 평균 (10, 4)",
    tf_side.branch_means,
    pt_side.branch_means,
    FORWARD,
)
# --8<-- [end:evaluate]

# --8<-- [start:exercise-pool]
# 연습 문제 2: 원래 예제처럼 평균 풀링이 덧댄 0까지 세어 나누면?
from torch import nn

counting = nn.AvgPool2d(3, stride=1, padding=1)  # count_include_pad=True (기본값)
pt_block.pool, original_pool = counting, pt_block.pool
with torch.no_grad():
    counted_out = pt_block(torch.from_numpy(x.transpose(0, 3, 1, 2)))
pt_block.pool = original_pool
gap = (counted_out - pt_block_out).abs().amax(dim=(0, 1))  # 위치마다 최대 차이 (4, 4)
print(
    "풀링 가지 채널만 다른가:", bool((counted_out - pt_block_out)[:, :64].eq(0).all())
)
print("위치별 최대 차이:")
print(gap.numpy().round(3))
# --8<-- [end:exercise-pool]
