# 두 구현이 정말 같은 모델인지 숫자로 확인합니다(동등성 검증).
# 페이지에 보이는 두 프로그램의 섹션을 그대로 실행하되, 학습 전에 Keras의 초깃값을
# PyTorch 모델로 옮겨 두 학습이 같은 출발점에서 시작하게 합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
from pathlib import Path

import keras
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
# 동등성 검증 모드: data.py가 이 변수를 읽고 모델의 Dropout 비율을 0으로 둡니다
PARITY_MODE = {"SIDEBYSIDE_PARITY_MODE": "1"}
tf_side = ProgramSections(HERE / "tensorflow_code.py", environ=PARITY_MODE)
pt_side = ProgramSections(HERE / "pytorch_code.py", environ=PARITY_MODE)
# PyTorch의 init 섹션이 가중치를 다시 뽑으므로, 복사는 init 섹션까지 실행한 뒤에 합니다
tf_side.run("data", "model", "init")
pt_side.run("data", "model", "init")
# --8<-- [end:load]

# --8<-- [start:init]
# 복사하기 전에: 난수가 아닌 초깃값은 두 프레임워크가 스스로 같은 값을 정합니다
check("init", "층마다 (fan_in, fan_out)", tf_side.fans, pt_side.fans, EXACT)
check(
    "init",
    "출력층 bias 초깃값 (0)",
    tf_side.output_bias,
    pt_side.output_bias,
    EXACT,
    dtype=True,
)
bn_defaults = {}
for i, (k_bn, t_bn) in enumerate(zip(tf_side.bn_layers, pt_side.bn_layers), start=1):
    bn_defaults[f"BatchNorm {i} γ ↔ weight"] = (k_bn.gamma, t_bn.weight)
    bn_defaults[f"BatchNorm {i} β ↔ bias"] = (k_bn.beta, t_bn.bias)
    bn_defaults[f"BatchNorm {i} 이동 평균"] = (k_bn.moving_mean, t_bn.running_mean)
    bn_defaults[f"BatchNorm {i} 이동 분산"] = (k_bn.moving_variance, t_bn.running_var)
check_tensors("init", "BatchNorm 초깃값 γ=1, β=0, 평균 0, 분산 1", bn_defaults, EXACT)
# --8<-- [end:init]

# --8<-- [start:mapping]
from torch import nn


def copy_running_stats(keras_bn, torch_bn):
    """이동 통계: moving_mean → running_mean, moving_variance → running_var."""
    torch_bn.running_mean.copy_(torch.from_numpy(keras_bn.moving_mean.numpy()))
    torch_bn.running_var.copy_(torch.from_numpy(keras_bn.moving_variance.numpy()))


def copy_keras_to_torch(keras_model, torch_model):
    """같은 자리의 층끼리 가중치를 옮깁니다 (Flatten, GELU, Dropout은 가중치가 없음)."""
    with torch.no_grad():
        for keras_layer, torch_layer in zip(keras_model.layers, torch_model):
            if isinstance(keras_layer, keras.layers.Dense):
                assert isinstance(torch_layer, nn.Linear)
                # kernel은 (입력, 출력), weight는 (출력, 입력): 전치합니다
                kernel = keras_layer.kernel.numpy()
                torch_layer.weight.copy_(torch.from_numpy(kernel.T))
                if keras_layer.use_bias:
                    torch_layer.bias.copy_(torch.from_numpy(keras_layer.bias.numpy()))
            elif isinstance(keras_layer, keras.layers.BatchNormalization):
                assert isinstance(torch_layer, nn.BatchNorm1d)
                torch_layer.weight.copy_(torch.from_numpy(keras_layer.gamma.numpy()))
                torch_layer.bias.copy_(torch.from_numpy(keras_layer.beta.numpy()))
                copy_running_stats(keras_layer, torch_layer)


for keras_layer, torch_layer in zip(tf_side.model.layers, pt_side.model):
    print(f"{type(keras_layer).__name__:>18} ↔ {type(torch_layer).__name__}")
copy_keras_to_torch(tf_side.model, pt_side.model)
mark_weights_copied()
# 학습 전의 이동 분산 (아래 변환식의 출발점)
start_vars = [k_bn.moving_variance.numpy().copy() for k_bn in tf_side.bn_layers]
# --8<-- [end:mapping]

# --8<-- [start:data]
from data import BATCH_SIZE, BN_MOMENTUM, EPOCHS, N_TEST, N_TRAIN, STEPS_PER_EPOCH

check("data", f"학습 이미지 ({N_TRAIN}, 8, 8)", tf_side.x_train, pt_side.x_train, EXACT)
check("data", f"평가 이미지 ({N_TEST}, 8, 8)", tf_side.x_test, pt_side.x_test, EXACT)
# 두 파이프라인(tf.data, DataLoader)이 실제로 내놓는 모든 미니배치를 순서대로 비교합니다
tf_x, tf_y, pt_x, pt_y = [], [], [], []
for epoch in range(EPOCHS):
    for x, y in tf_side.epoch_dataset(epoch):
        tf_x.append(x.numpy())
        tf_y.append(y.numpy())
    for x, y in pt_side.epoch_loader(epoch):
        pt_x.append(x)
        pt_y.append(y)
batches = f"{EPOCHS} 에포크 × {STEPS_PER_EPOCH}개"
tf_xs, pt_xs = np.stack(tf_x), torch.stack(pt_x)
check("data", f"미니배치 이미지 ({batches})", tf_xs, pt_xs, EXACT, dtype=True)
tf_ys, pt_ys = np.stack(tf_y), torch.stack(pt_y)
check("data", f"미니배치 정답 ({batches})", tf_ys, pt_ys, EXACT, dtype=True)
# --8<-- [end:data]


# --8<-- [start:model]
# 자리마다 층의 종류가 같은지 봅니다 (같은 번호 = 같은 역할의 층)
def keras_kind(layer):
    if isinstance(layer, keras.layers.Activation):  # GELU만 3번 (정확한 식)
        return 3 if layer.activation.__name__ == "gelu" else -1
    kinds = [keras.layers.Flatten, keras.layers.Dense, keras.layers.BatchNormalization]
    kinds += [None, keras.layers.Dropout]
    return next(k for k, cls in enumerate(kinds) if cls and isinstance(layer, cls))


def torch_kind(layer):
    if isinstance(layer, nn.GELU):
        return 3 if layer.approximate == "none" else -1
    kinds = [nn.Flatten, nn.Linear, nn.BatchNorm1d, None, nn.Dropout]
    return next(k for k, cls in enumerate(kinds) if cls and isinstance(layer, cls))


tf_kinds = [keras_kind(layer) for layer in tf_side.model.layers]
pt_kinds = [torch_kind(layer) for layer in pt_side.model]
check("model", "자리마다 층의 종류", tf_kinds, pt_kinds, EXACT)
check("model", "학습하는 값의 수", tf_side.n_trainable, pt_side.n_trainable, EXACT)
n_running = sum(b.numel() for b in pt_side.running)
check("model", "이동 통계 값의 수", tf_side.n_frozen, n_running, EXACT)
pt_side.model.eval()
with torch.no_grad():
    pt_logits = pt_side.model(pt_side.x_test)
pt_side.model.train()  # 프로그램이 만든 그대로(학습 모드)로 되돌립니다
tf_logits = tf_side.model(tf_side.x_test, training=False)
check("model", f"평가 모드 로짓 ({N_TEST}, 10)", tf_logits, pt_logits, FORWARD)
# --8<-- [end:model]

# --8<-- [start:batchnorm]
tf_side.run("batchnorm")
pt_side.run("batchnorm")


def torch_rule_var(keras_var, start, updates):
    """Keras의 이동 분산을 PyTorch 규칙(n − 1로 나눈 분산)으로 쌓았을 때의 값.

    크기 n인 배치로 updates번 갱신했다면 c = n/(n − 1)일 때
    torch = c·keras − (c − 1)·m^updates·start  (m은 Keras의 momentum)
    """
    c = BATCH_SIZE / (BATCH_SIZE - 1)
    keras_var = np.asarray(keras_var, dtype=np.float64)
    return c * keras_var - (c - 1) * BN_MOMENTUM**updates * np.asarray(start)


# 새로 만든 층끼리 비교하므로 복사한 가중치가 없습니다 (copied=False)
label = f"학습 모드 출력 ({BATCH_SIZE}, 64), 배치 통계"
tf_out, pt_out = tf_side.bn_train_out, pt_side.bn_train_out
check("batchnorm", label, tf_out, pt_out, FORWARD, copied=False)
tf_mean, pt_mean = tf_side.demo_mean, pt_side.demo_mean
check("batchnorm", "한 번 갱신한 이동 평균", tf_mean, pt_mean, FORWARD, copied=False)
# 이동 분산은 정의가 달라 그대로는 다릅니다. 변환식을 거치면 같습니다.
tf_var = torch_rule_var(tf_side.demo_var, start=1.0, updates=1)
label = "한 번 갱신한 이동 분산 (n/(n − 1) 변환 뒤)"
check("batchnorm", label, tf_var, pt_side.demo_var, FORWARD, copied=False)
label = "분산이 가장 작은 픽셀의 출력 표준편차"
check("batchnorm", label, tf_side.small_std, pt_side.small_std, FORWARD, copied=False)
# --8<-- [end:batchnorm]

# --8<-- [start:dropout]
tf_side.run("dropout")
pt_side.run("dropout")
# 마스크는 난수라 서로 다릅니다. 같은 것은 남은 값의 크기와 평가 모드의 동작입니다.
tf_kept, pt_kept = tf_side.kept_values, pt_side.kept_values
check("dropout", "남은 값 = 1/(1 − p)", tf_kept, pt_kept, FORWARD, copied=False)
tf_eval, pt_eval = tf_side.dropout_eval, pt_side.dropout_eval
check("dropout", "평가 모드 출력 (1000, 64)", tf_eval, pt_eval, EXACT)
# --8<-- [end:dropout]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
label = f"학습 전 평가 로짓 ({N_TEST}, 10)"
check("step", label, tf_side.start_logits, pt_side.start_logits, FORWARD)
check("step", "학습 전 평가 손실", tf_side.start_loss, pt_side.start_loss, FORWARD)
# --8<-- [end:step]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: 같은 출발점, 같은 미니배치 순서
tf_side.run("train")
pt_side.run("train")
label = f"손실 궤적 ({batches} 미니배치)"
check("train", label, tf_side.losses, pt_side.losses, SGD_STEPS)
tf_acc, pt_acc = tf_side.train_accuracies, pt_side.train_accuracies
check("train", "에포크마다의 학습 정확도", tf_acc, pt_acc, EXACT)
weights = {}
for i, (k_layer, t_layer) in enumerate(zip(tf_side.model.layers, pt_side.model)):
    if isinstance(k_layer, keras.layers.Dense):
        weights[f"{i}: kernel.T ↔ weight"] = (k_layer.kernel.numpy().T, t_layer.weight)
        if k_layer.use_bias:
            weights[f"{i}: bias ↔ bias"] = (k_layer.bias, t_layer.bias)
    elif isinstance(k_layer, keras.layers.BatchNormalization):
        weights[f"{i}: γ ↔ weight"] = (k_layer.gamma, t_layer.weight)
        weights[f"{i}: β ↔ bias"] = (k_layer.beta, t_layer.bias)
check_tensors("train", "학습을 마친 가중치 (텐서마다)", weights, SGD_WEIGHTS)

# 에포크마다의 평가 정확도는 각자의 이동 분산으로 계산하므로
# 검사하지 않고 그림으로만 봅니다
epochs = np.arange(1, EPOCHS + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.6))
style = dict(lw=5, alpha=0.45, color="tab:orange")
ax.plot(epochs, tf_acc, **style, label="Keras 학습")
ax.plot(epochs, pt_acc, "--", color="tab:blue", label="PyTorch 학습")
ax.plot(
    epochs, tf_side.test_accuracies, **style | dict(color="tab:red"), label="Keras 평가"
)
ax.plot(epochs, pt_side.test_accuracies, ":", color="k", label="PyTorch 평가")
ax.set(xlabel="에포크", ylabel="정확도", title="같은 초깃값, 같은 미니배치 순서")
ax.legend(loc="lower right", fontsize=9)
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:stats]
updates = EPOCHS * STEPS_PER_EPOCH
for i, (k_bn, t_bn) in enumerate(zip(tf_side.bn_layers, pt_side.bn_layers), start=1):
    label = f"BatchNorm {i}: 이동 평균, 학습 뒤"
    check("stats", label, k_bn.moving_mean, t_bn.running_mean, SGD_WEIGHTS)
    converted = torch_rule_var(k_bn.moving_variance, start_vars[i - 1], updates)
    label = f"BatchNorm {i}: 이동 분산 (n/(n − 1) 변환 뒤), 학습 뒤"
    check("stats", label, converted, t_bn.running_var, SGD_WEIGHTS)
    tracked = t_bn.num_batches_tracked.item()
    check("stats", f"BatchNorm {i}: 갱신 횟수", len(tf_side.losses), tracked, EXACT)

# 이동 분산이 다르면 평가 모드 로짓도 조금 다릅니다. 얼마나 다른지 재어 보고,
# Keras의 이동 통계를 다시 옮긴 뒤 평가 섹션들을 같은 상태에서 비교합니다.
pt_side.model.eval()
with torch.no_grad():
    own_logits = pt_side.model(pt_side.x_test).numpy()
keras_logits = tf_side.model(tf_side.x_test, training=False).numpy()
gap = np.abs(own_logits - keras_logits).max()
print(f"PyTorch 자신의 이동 분산으로 낸 평가 로짓: Keras와 최대 {gap:.1e} 차이")
with torch.no_grad():
    for k_bn, t_bn in zip(tf_side.bn_layers, pt_side.bn_layers):
        copy_running_stats(k_bn, t_bn)
print("Keras의 이동 통계를 PyTorch로 다시 옮겼습니다")

tf_side.run("stats")
pt_side.run("stats")
for name in ("input_means", "input_vars"):
    pairs = {
        f"BatchNorm {i}": (tf_value, pt_value)
        for i, (tf_value, pt_value) in enumerate(
            zip(getattr(tf_side, name), getattr(pt_side, name)), start=1
        )
    }
    what = "평균" if name == "input_means" else "분산"
    check_tensors("stats", f"BatchNorm 입력의 학습 데이터 전체 {what}", pairs, FORWARD)
# --8<-- [end:stats]

# --8<-- [start:evaluate]
tf_side.run("evaluate")
pt_side.run("evaluate")
label = f"학습한 모델의 평가 로짓 ({N_TEST}, 10)"
check("evaluate", label, tf_side.test_logits, pt_side.test_logits, FORWARD)
tf_pred, pt_pred = tf_side.predictions, pt_side.predictions
check("evaluate", "예측한 숫자", tf_pred, pt_pred, EXACT)
tf_acc, pt_acc = tf_side.test_accuracy, pt_side.test_accuracy
check("evaluate", "평가 정확도", tf_acc, pt_acc, EXACT)
check("evaluate", "혼동 행렬 (10, 10)", tf_side.matrix, pt_side.matrix, EXACT)
# --8<-- [end:evaluate]

# --8<-- [start:mistakes]
tf_side.run("mistakes")
pt_side.run("mistakes")
check("mistakes", "틀린 평가 샘플의 번호", tf_side.wrong, pt_side.wrong, EXACT)
tf_conf, pt_conf = tf_side.confidence, pt_side.confidence
check("mistakes", "틀린 예측에 건 확률", tf_conf, pt_conf, FORWARD)
# --8<-- [end:mistakes]

# --8<-- [start:modes]
tf_side.run("modes")
pt_side.run("modes")
# 학습 모드의 순전파: 평가 데이터 전체의 배치 통계로 정규화합니다
# (Dropout은 검증 모드라 0)
label = f"학습 모드 로짓 ({N_TEST}, 10), 학습 뒤"
tf_logits, pt_logits = tf_side.train_mode_logits, pt_side.train_mode_logits
check("modes", label, tf_logits, pt_logits, FORWARD)
tf_acc, pt_acc = tf_side.train_mode_accuracy, pt_side.train_mode_accuracy
check("modes", "학습 모드 정확도", tf_acc, pt_acc, EXACT)
tf_shift, pt_shift = tf_side.moving_shift, pt_side.moving_shift
check("modes", "그 호출로 바뀐 이동 평균", tf_shift, pt_shift, FORWARD)
# --8<-- [end:modes]

# --8<-- [start:gradients]
# 학습을 마친 가중치에서 첫 미니배치의 기울기를 텐서마다 비교합니다 (학습 모드)
with tf.GradientTape() as tape:
    tf_batch_logits = tf_side.model(tf_xs[0], training=True)
    tf_loss = tf_side.loss_fn(tf_ys[0], tf_batch_logits)
variables = tf_side.model.trainable_variables
tf_grads = dict(zip([id(v) for v in variables], tape.gradient(tf_loss, variables)))
pt_side.model.train()
pt_side.optimizer.zero_grad()
pt_loss = pt_side.loss_fn(pt_side.model(pt_xs[0]), pt_ys[0])
pt_loss.backward()
check("step", "기울기를 구한 손실 (첫 미니배치, 학습 뒤)", tf_loss, pt_loss, FORWARD)
gradients = {}
for i, (k_layer, t_layer) in enumerate(zip(tf_side.model.layers, pt_side.model)):
    if isinstance(k_layer, keras.layers.Dense):
        kernel_grad = tf_grads[id(k_layer.kernel)].numpy().T  # 가중치처럼 전치
        gradients[f"{i}: kernel.T ↔ weight"] = (kernel_grad, t_layer.weight.grad)
        if k_layer.use_bias:
            gradients[f"{i}: bias"] = (tf_grads[id(k_layer.bias)], t_layer.bias.grad)
    elif isinstance(k_layer, keras.layers.BatchNormalization):
        gradients[f"{i}: γ ↔ weight"] = (
            tf_grads[id(k_layer.gamma)],
            t_layer.weight.grad,
        )
        gradients[f"{i}: β ↔ bias"] = (tf_grads[id(k_layer.beta)], t_layer.bias.grad)
check_tensors("step", "기울기 (텐서마다, 첫 미니배치, 학습 뒤)", gradients, GRADIENT)
# --8<-- [end:gradients]
