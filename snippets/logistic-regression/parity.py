# 두 구현이 정말 같은 모델인지 숫자로 확인합니다(동등성 검증).
# 페이지에 보이는 두 프로그램의 섹션을 그대로 실행하되, 학습 전에 Keras의 초깃값을
# PyTorch 모델로 옮겨 두 학습이 같은 출발점에서, 같은 배치 순서로 시작하게 합니다.
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
# 두 프로그램을 섹션 단위로 불러옵니다. 지금은 모델 섹션까지만 실행합니다.
FIRST = ("data", "pipeline", "shuffle", "model")
tf_side = ProgramSections(HERE / "tensorflow_code.py").run(*FIRST)
pt_side = ProgramSections(HERE / "pytorch_code.py").run(*FIRST)
# --8<-- [end:load]

# --8<-- [start:mapping]
dense = tf_side.model.layers[0]  # keras.layers.Dense(1)
linear = pt_side.model  # nn.Linear(30, 1)
with torch.no_grad():
    # Dense의 kernel은 (입력, 출력) = (30, 1), Linear의 weight는 (출력, 입력) = (1, 30)
    linear.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))  # bias는 둘 다 (1,)
mark_weights_copied()
kernel_shape, weight_shape = tuple(dense.kernel.shape), tuple(linear.weight.shape)
print(f"kernel {kernel_shape} → 전치 → weight {weight_shape}")
print(f"bias {tuple(dense.bias.shape)} → 그대로 → bias {tuple(linear.bias.shape)}")
# --8<-- [end:mapping]

# --8<-- [start:data]
# 두 프로그램이 각자 계산한 클래스 비율 (NumPy 평균 ↔ torch 평균)
tf_share = [tf_side.Y_TRAIN.mean(), tf_side.Y_TEST.mean()]
pt_share = [pt_side.y_train.mean(), pt_side.y_test.mean()]
check("data", "레이블 1의 비율 (학습, 평가)", tf_share, pt_share, FORWARD, copied=False)
# --8<-- [end:data]

# --8<-- [start:pipeline]
from data import EPOCHS, N_TRAIN, STEPS_PER_EPOCH


def collect(batches):
    """배치들을 (배치 크기 목록, 이어 붙인 특징, 이어 붙인 정답)으로 모읍니다."""
    batches = [(np.asarray(x), np.asarray(y)) for x, y in batches]
    sizes = [len(y) for _, y in batches]
    x_all = np.concatenate([x for x, _ in batches])
    return sizes, x_all, np.concatenate([y for _, y in batches])


# 학습 파이프라인: 모든 에포크의 배치를 나오는 순서 그대로 (정렬하지 않습니다)
tf_sizes, tf_x, tf_y = collect(tf_side.train_ds)
pt_loaders = (pt_side.train_loader(epoch) for epoch in range(EPOCHS))
pt_sizes, pt_x, pt_y = collect(batch for loader in pt_loaders for batch in loader)
n_rows = EPOCHS * N_TRAIN
check(
    "pipeline",
    f"학습 배치 크기 {EPOCHS} × {STEPS_PER_EPOCH}개",
    tf_sizes,
    pt_sizes,
    EXACT,
)
label = f"학습 배치의 특징, 나오는 순서 그대로 ({n_rows}, 30)"
check("pipeline", label, tf_x, pt_x, EXACT, dtype=True)
check("pipeline", f"학습 배치의 정답, 순서 그대로 ({n_rows}, 1)", tf_y, pt_y, EXACT)
# 평가 파이프라인 (섞지 않음)
tf_test = collect(tf_side.test_ds)
pt_test = collect(pt_side.test_loader)
check("pipeline", "평가 배치 크기 목록", tf_test[0], pt_test[0], EXACT)
check(
    "pipeline", "평가 배치의 특징 (114, 30)", tf_test[1], pt_test[1], EXACT, dtype=True
)
# --8<-- [end:pipeline]

# --8<-- [start:shuffle]
# 보통의 섞기는 두 프레임워크의 순서가 다릅니다.
# 같은 것은 '모든 번호가 한 번씩'이라는 점뿐입니다.
for epoch in range(2):
    tf_sorted = np.sort(tf_side.shuffled[epoch])
    pt_sorted = np.sort(pt_side.shuffled[epoch])
    label = f"shuffle 에포크 {epoch + 1}: 정렬하면 번호 {N_TRAIN}개가 한 번씩"
    check("shuffle", label, tf_sorted, pt_sorted, EXACT)
# --8<-- [end:shuffle]

# --8<-- [start:model]
with torch.no_grad():
    pt_logits = linear(pt_side.x_train)
tf_logits = tf_side.model(tf_side.X_TRAIN)
check("model", "학습 데이터 전체의 로짓 (455, 1)", tf_logits, pt_logits, FORWARD)
n_params = sum(p.numel() for p in linear.parameters())
check("model", "파라미터 수", tf_side.model.count_params(), n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:stability]
tf_side.run("stability")
pt_side.run("stability")
# 가중치와 상관없는 고정된 로짓입니다. Keras 손실은 (3,), PyTorch 손실은 (3, 1)
tf_values, pt_values = tf_side.loss_from_logits, pt_side.loss_from_logits[:, 0]
label = "로짓에서 계산한 손실 (±40 포함)"
check("stability", label, tf_values, pt_values, FORWARD, copied=False)
tf_grads, pt_grads = tf_side.grad_from_logits, pt_side.grad_from_logits
label = "로짓에서 계산한 손실의 기울기"
check("stability", label, tf_grads, pt_grads, GRADIENT, copied=False)
# 확률에서 계산한 값은 비교하지 않습니다. 두 프레임워크가 서로 다르게 자르기 때문입니다.
# --8<-- [end:stability]

# --8<-- [start:prob-grad]
tf_side.run("prob-grad")
pt_side.run("prob-grad")
tf_factor, pt_factor = tf_side.dprob_dlogit, pt_side.dprob_dlogit
label = "시그모이드의 도함수 ∂p/∂z"
check("prob-grad", label, tf_factor, pt_factor, FORWARD, copied=False)
tf_exact, pt_exact = tf_side.probs - tf_side.targets, pt_side.probs - pt_side.targets
check("prob-grad", "정확한 기울기 p − y", tf_exact, pt_exact, FORWARD, copied=False)
# --8<-- [end:prob-grad]

# --8<-- [start:loss-curve]
tf_side.run("loss-curve")
pt_side.run("loss-curve")
tf_curve, pt_curve = tf_side.exact, pt_side.exact[:, 0]
label = "로짓에서 계산한 손실 곡선 (501점)"
check("loss-curve", label, tf_curve, pt_curve, FORWARD, copied=False)
# --8<-- [end:loss-curve]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
# 학습 직전, 학습 파이프라인의 첫 배치로 손실과 기울기를 비교합니다
x_tf, y_tf = next(iter(tf_side.train_ds))
x_pt, y_pt = next(iter(pt_side.train_loader(0)))
with tf.GradientTape() as tape:
    tf_loss = tf_side.loss_fn(y_tf, tf_side.model(x_tf))
tf_grad_kernel, tf_grad_bias = tape.gradient(tf_loss, [dense.kernel, dense.bias])
pt_side.optimizer.zero_grad()
pt_loss = pt_side.loss_fn(linear(x_pt), y_pt)
pt_loss.backward()
check("step", "첫 배치의 손실", tf_loss, pt_loss, FORWARD)
gradients = {
    "kernel.T ↔ weight": (tf_grad_kernel.numpy().T, linear.weight.grad),  # 전치
    "bias ↔ bias": (tf_grad_bias, linear.bias.grad),
}
check_tensors("step", "첫 배치의 기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: Keras는 fit, PyTorch는 에포크·배치 루프
tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check("train", f"{EPOCHS} 에포크의 손실 궤적", tf_losses, pt_losses, SGD_STEPS)
# 정확도는 맞힌 개수로 비교합니다 (Keras 지표는 float32 평균)
tf_counts = np.round(np.array(tf_side.accuracies) * N_TRAIN)
pt_counts = np.round(np.array(pt_side.accuracies) * N_TRAIN)
check("train", f"에포크마다 맞힌 개수 ({N_TRAIN}개 중)", tf_counts, pt_counts, EXACT)
tf_weight = dense.kernel.numpy().T
check("train", "학습 뒤 kernel.T ↔ weight", tf_weight, linear.weight, SGD_WEIGHTS)
check("train", "학습 뒤 bias ↔ bias", dense.bias, linear.bias, SGD_WEIGHTS)

epochs = np.arange(1, EPOCHS + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.6))
ax.plot(epochs, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="Keras fit")
ax.plot(epochs, pt_losses, color="tab:blue", linestyle="--", label="PyTorch 학습 루프")
ax.set_xlabel("에포크")
ax.set_ylabel("학습 손실 (에포크 평균)")
ax.set_title("같은 초깃값, 같은 배치 순서에서 출발한 두 학습")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
tf_side.run("evaluate")
pt_side.run("evaluate")
results = tf_side.results
check("evaluate", "평가 손실", results["loss"], pt_side.test_loss, FORWARD)
check(
    "evaluate",
    "평가 데이터의 로짓 (114, 1)",
    tf_side.test_logits,
    pt_side.test_logits,
    FORWARD,
)
check(
    "evaluate",
    "샘플마다 예측한 레이블 (114,)",
    tf_side.predicted,
    pt_side.predicted,
    EXACT,
    dtype=True,
)
check("evaluate", "혼동 행렬", tf_side.confusion, pt_side.confusion, EXACT)
# Keras의 Precision·Recall 지표 = 혼동 행렬에서 센 레이블 1의 정밀도·재현율
matrix = pt_side.confusion
pt_precision_1 = matrix[1, 1] / matrix[:, 1].sum()
pt_recall_1 = matrix[1, 1] / matrix[1].sum()
tf_metrics = [results["precision"], results["recall"]]
label = "Keras Precision·Recall ↔ 레이블 1의 정밀도·재현율"
check("evaluate", label, tf_metrics, [pt_precision_1, pt_recall_1], FORWARD)
check("evaluate", "출력한 확률 5개", tf_side.probs, pt_side.probs, FORWARD)
# --8<-- [end:evaluate]
