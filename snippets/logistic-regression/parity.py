# 두 구현이 정말 같은 모델인지 숫자로 확인합니다.
# Keras 가중치를 PyTorch 모델에 옮기고, 똑같은 배치를 똑같은 순서로 먹여 비교합니다.
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
# 페이지에 보이는 바로 그 코드를 불러옵니다. 학습 반복(train 섹션)은 실행하지 않습니다.
SECTIONS = ("data", "pipeline", "model", "stability", "step", "evaluate")
with contextlib.redirect_stdout(io.StringIO()):  # 섹션이 찍는 출력은 여기서는 숨깁니다
    tf_side = load_sections(HERE / "tensorflow_code.py", *SECTIONS)
    pt_side = load_sections(HERE / "pytorch_code.py", *SECTIONS)
# --8<-- [end:load]

# --8<-- [start:mapping]
dense, linear = tf_side.model.layers[0], pt_side.model
with torch.no_grad():
    # Dense kernel (입력 30, 출력 1) → nn.Linear weight (출력 1, 입력 30): 전치
    linear.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))  # bias는 그대로
print("Dense kernel", tuple(dense.kernel.shape), "→ weight", tuple(linear.weight.shape))
# --8<-- [end:mapping]

# --8<-- [start:data]
check("data", "학습 특성 (455, 30)", tf_side.X_TRAIN, pt_side.x_train, EXACT)
check("data", "학습 정답 (455, 1)", tf_side.Y_TRAIN, pt_side.y_train, EXACT)
check("data", "평가 특성 (114, 30)", tf_side.X_TEST, pt_side.x_test, EXACT)
# --8<-- [end:data]


# --8<-- [start:pipeline]
def one_epoch(batches):
    """한 에포크의 배치를 모아 (배치 크기 목록, 행을 정렬한 [특성 | 정답] 배열)로."""
    rows = [np.concatenate([np.asarray(x), np.asarray(y)], axis=1) for x, y in batches]
    table = np.concatenate(rows)
    return [len(r) for r in rows], table[np.lexsort(table.T[::-1])]


# 섞는 순서는 프레임워크마다 다르지만, 한 에포크에 담기는 샘플은 같아야 합니다
tf_sizes, tf_rows = one_epoch(tf_side.train_ds)
pt_sizes, pt_rows = one_epoch(pt_side.train_loader)
check("pipeline", "에포크당 배치 크기 목록", tf_sizes, pt_sizes, EXACT)
check("pipeline", "한 에포크의 샘플 (순서 무시)", tf_rows, pt_rows, EXACT)
tf_test_sizes, tf_test_rows = one_epoch(tf_side.test_ds)
pt_test_sizes, pt_test_rows = one_epoch(pt_side.test_loader)
check("pipeline", "평가 데이터의 배치 크기 목록", tf_test_sizes, pt_test_sizes, EXACT)
check("pipeline", "평가 데이터의 샘플", tf_test_rows, pt_test_rows, EXACT)
# --8<-- [end:pipeline]

# --8<-- [start:model]
tf_logits = tf_side.model(tf_side.X_TRAIN)
pt_logits = linear(pt_side.x_train)
check("model", "학습 데이터 전체의 로짓 (455, 1)", tf_logits, pt_logits, FORWARD)
# --8<-- [end:model]

# --8<-- [start:stability]
# Keras의 reduction=None 손실은 (3,), PyTorch의 reduction="none" 손실은 (3, 1)입니다
tf_values, pt_values = tf_side.loss_from_logits, pt_side.loss_from_logits.ravel()
check("stability", "로짓에서 계산한 손실 (±40 포함)", tf_values, pt_values, FORWARD)
tf_grads, pt_grads = tf_side.grad_from_logits, pt_side.grad_from_logits
check("stability", "로짓에서 계산한 손실의 기울기", tf_grads, pt_grads, GRADIENT)
# 확률에서 계산한 값은 비교하지 않습니다. 두 프레임워크가 서로 다르게 자르기 때문입니다.
print("확률에서 계산한 손실: Keras", tf_side.fmt(tf_side.loss_from_probs))
print("                    PyTorch", pt_side.fmt(pt_side.loss_from_probs))
# --8<-- [end:stability]

# --8<-- [start:step]
from data import BATCH_SIZE, SEED, shared_batch_order

batches = shared_batch_order(len(tf_side.X_TRAIN), BATCH_SIZE, epochs=2, seed=SEED)
first = batches[0]

with tf.GradientTape() as tape:
    tf_loss = tf_side.loss_fn(tf_side.Y_TRAIN[first], dense(tf_side.X_TRAIN[first]))
tf_kernel_grad, tf_bias_grad = tape.gradient(tf_loss, [dense.kernel, dense.bias])

pt_loss = pt_side.loss_fn(linear(pt_side.x_train[first]), pt_side.y_train[first])
pt_loss.backward()

check("step", "첫 배치의 손실", tf_loss, pt_loss, FORWARD)
tf_weight_grad = tf_kernel_grad.numpy().T  # 기울기도 가중치와 같은 규칙으로 전치합니다
check("step", "weight 기울기 (1, 30)", tf_weight_grad, linear.weight.grad, GRADIENT)
check("step", "bias 기울기", tf_bias_grad, linear.bias.grad, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
# NumPy로 정한 같은 배치 목록(두 에포크, 30단계)을 양쪽에 같은 순서로 넣습니다.
# train_on_batch는 fit이 배치마다 실행하는 것과 같은 학습 단계를 한 번 실행합니다.
tf_losses, pt_losses = [], []
for index in batches:
    x, y = tf_side.X_TRAIN[index], tf_side.Y_TRAIN[index]
    logs = tf_side.model.train_on_batch(x, y, return_dict=True)
    tf_losses.append(float(logs["loss"]))
    pt_loss, _ = pt_side.train_step(pt_side.x_train[index], pt_side.y_train[index])
    pt_losses.append(pt_loss)
steps = len(batches)
check("train", f"SGD {steps}단계 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
tf_weight = dense.kernel.numpy().T
check("train", f"SGD {steps}단계 뒤 weight", tf_weight, linear.weight, SGD_STEPS)
check("train", f"SGD {steps}단계 뒤 bias", dense.bias, linear.bias, SGD_STEPS)
print(f"손실: {tf_losses[0]:.4f} → {tf_losses[-1]:.4f} (TensorFlow)")
print(f"      {pt_losses[0]:.4f} → {pt_losses[-1]:.4f} (PyTorch)")
# --8<-- [end:train]

# --8<-- [start:evaluate]
results = tf_side.model.evaluate(tf_side.test_ds, verbose=0, return_dict=True)
pt_loss, pt_accuracy = pt_side.evaluate(linear, pt_side.test_loader)
check("evaluate", "평가 손실", results["loss"], pt_loss, FORWARD)
# Keras 지표는 float32, PyTorch 쪽은 파이썬 float이라 정확도 대신 맞힌 개수를 비교합니다
n_test = len(tf_side.X_TEST)
tf_correct = round(results["accuracy"] * n_test)
pt_correct = round(pt_accuracy * n_test)
check("evaluate", f"맞힌 개수 (평가 샘플 {n_test}개 중)", tf_correct, pt_correct, EXACT)
with torch.no_grad():
    pt_labels = (linear(pt_side.x_test) > 0).int()
tf_labels = tf.cast(tf_side.model(tf_side.X_TEST) > 0, tf.int32)
check("evaluate", "평가 샘플별 예측 (114개)", tf_labels, pt_labels, EXACT)
# --8<-- [end:evaluate]
