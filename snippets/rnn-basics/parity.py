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
    ADAM_STEPS,
    ADAM_WEIGHTS,
    EXACT,
    FORWARD,
    GRADIENT,
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
def copy_weights(keras_model, torch_model):
    """Keras SimpleRNN + Dense의 가중치를 CharRNN(nn.RNN + nn.Linear)으로 옮깁니다."""
    cell = keras_model.layers[0].cell  # SimpleRNN의 가중치는 셀(cell)에 있습니다
    dense = keras_model.layers[1]
    rnn, fc = torch_model.rnn, torch_model.fc
    with torch.no_grad():
        # kernel (입력, H) → weight_ih_l0 (H, 입력): 전치
        rnn.weight_ih_l0.copy_(torch.from_numpy(cell.kernel.numpy().T))
        # recurrent_kernel (H, H) → weight_hh_l0 (H, H): 정사각이라도 전치
        rnn.weight_hh_l0.copy_(torch.from_numpy(cell.recurrent_kernel.numpy().T))
        # Keras의 bias 하나 → bias_ih_l0. bias_hh_l0는 프로그램이 고정한 0 그대로
        rnn.bias_ih_l0.copy_(torch.from_numpy(cell.bias.numpy()))
        # Dense kernel (H, 5) → Linear weight (5, H): 전치
        fc.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
        fc.bias.copy_(torch.from_numpy(dense.bias.numpy()))


copy_weights(tf_side.model, pt_side.model)
mark_weights_copied()
cell, dense = tf_side.rnn.cell, tf_side.dense
rnn, fc = pt_side.model.rnn, pt_side.model.fc
pairs = [
    ("kernel", cell.kernel, "weight_ih_l0", rnn.weight_ih_l0),
    ("recurrent_kernel", cell.recurrent_kernel, "weight_hh_l0", rnn.weight_hh_l0),
    ("bias", cell.bias, "bias_ih_l0", rnn.bias_ih_l0),
    ("Dense kernel", dense.kernel, "fc.weight", fc.weight),
]
for k_name, k_var, t_name, t_param in pairs:
    k_shape, t_shape = tuple(k_var.shape), tuple(t_param.shape)
    print(f"{k_name:<16} {k_shape!s:<7} → {t_name:<12} {t_shape}")
print("Keras에 없는 bias_hh_l0", tuple(rnn.bias_hh_l0.shape), "는 0으로 고정")
# --8<-- [end:mapping]

# --8<-- [start:data]
# 두 프로그램이 각자 만든 배열입니다(메모리를 나누지 않습니다).
check(
    "data", "원-핫 입력 (1, 6, 5)", tf_side.x_train, pt_side.x_train, EXACT, dtype=True
)
check(
    "data", "정답 글자 번호 (1, 6)", tf_side.y_train, pt_side.y_train, EXACT, dtype=True
)
# --8<-- [end:data]

# --8<-- [start:model]
check(
    "model",
    "처음 로짓 (1, 6, 5)",
    tf_side.model(tf_side.x_train),
    pt_side.model(pt_side.x_train),
    FORWARD,
)
# PyTorch는 고정한 bias_hh 8개가 더 있어서 학습하는 수만 같습니다
check(
    "model",
    "학습하는 파라미터 수",
    tf_side.model.count_params(),
    pt_side.n_trained,
    EXACT,
)
# --8<-- [end:model]

# --8<-- [start:layout]
tf_side.run("layout")
pt_side.run("layout")
check(
    "layout", "(배치, 시간, 특징)으로 읽은 출력", tf_side.right, pt_side.right, FORWARD
)
# Keras의 (6, 1, H)와 PyTorch의 (1, 6, H)는 같은 잘못: 길이 1인 시퀀스 6개
keras_wrong = tf_side.wrong.numpy()[:, 0]  # (배치 6, 시간 1) → 글자마다
torch_wrong = pt_side.wrong[0]  # (시간 1, 배치 6) → 글자마다
check(
    "layout", "축을 잘못 읽은 출력: 글자 6개를 따로", keras_wrong, torch_wrong, FORWARD
)
# --8<-- [end:layout]

# --8<-- [start:outputs]
tf_side.run("outputs")
pt_side.run("outputs")
check(
    "outputs",
    "return_sequences ↔ output (2, 6, H)",
    tf_side.sequence,
    pt_side.sequence,
    FORWARD,
)
check("outputs", "return_state ↔ h_n[0] (2, H)", tf_side.state, pt_side.h_n[0], FORWARD)
check("outputs", "기본값 SimpleRNN ↔ h_n[0]", tf_side.h_last, pt_side.h_n[0], FORWARD)
check("outputs", "initial_state ↔ h_0로 이어 계산", tf_side.rest, pt_side.rest, FORWARD)
# --8<-- [end:outputs]

# --8<-- [start:embedding]
tf_side.run("embedding")
pt_side.run("embedding")
# 두 쪽 모두 data.py의 같은 표에서 시작하므로 복사할 것이 없습니다
check(
    "embedding",
    "Embedding 출력 (1, 6, 3)",
    tf_side.vectors,
    pt_side.vectors,
    EXACT,
    copied=False,
)
# --8<-- [end:embedding]

# --8<-- [start:optimizer]
tf_side.run("optimizer")
pt_side.run("optimizer")
# 학습 직전, 두 프로그램이 정한 손실과 그 기울기를 비교합니다
with tf.GradientTape() as tape:
    tf_loss = tf_side.model.loss(tf_side.y_train, tf_side.model(tf_side.x_train))
keras_vars = [cell.kernel, cell.recurrent_kernel, cell.bias, dense.kernel, dense.bias]
g_kernel, g_recurrent, g_bias, g_dense, g_dense_bias = tape.gradient(
    tf_loss, keras_vars
)
pt_side.optimizer.zero_grad()
logits = pt_side.model(pt_side.x_train).reshape(-1, pt_side.N_CHARS)
pt_loss = pt_side.loss_fn(logits, pt_side.y_train.reshape(-1))
pt_loss.backward()
check("optimizer", "처음 손실", tf_loss, pt_loss, FORWARD)
gradients = {
    "kernel.T ↔ weight_ih_l0": (g_kernel.numpy().T, rnn.weight_ih_l0.grad),
    "recurrent_kernel.T ↔ weight_hh_l0": (g_recurrent.numpy().T, rnn.weight_hh_l0.grad),
    "bias ↔ bias_ih_l0": (g_bias, rnn.bias_ih_l0.grad),
    "Dense kernel.T ↔ fc.weight": (g_dense.numpy().T, fc.weight.grad),
    "Dense bias ↔ fc.bias": (g_dense_bias, fc.bias.grad),
}
check_tensors("optimizer", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:optimizer]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: Keras는 fit, PyTorch는 train_step 반복
from data import EPOCHS, HIDDEN_SIZE, N_CHARS

tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check("train", f"{EPOCHS} 에포크의 손실 궤적", tf_losses, pt_losses, ADAM_STEPS)
check(
    "train",
    "에포크마다 예측한 글자 번호",
    np.stack(tf_side.predicted),
    np.stack(pt_side.predicted),
    EXACT,
)
trained = {
    "kernel.T ↔ weight_ih_l0": (cell.kernel.numpy().T, rnn.weight_ih_l0),
    "recurrent_kernel.T ↔ weight_hh_l0": (
        cell.recurrent_kernel.numpy().T,
        rnn.weight_hh_l0,
    ),
    "bias ↔ bias_ih_l0": (cell.bias, rnn.bias_ih_l0),
    "0 ↔ bias_hh_l0 (고정)": (np.zeros(HIDDEN_SIZE, "float32"), rnn.bias_hh_l0),
    "Dense kernel.T ↔ fc.weight": (dense.kernel.numpy().T, fc.weight),
    "Dense bias ↔ fc.bias": (dense.bias, fc.bias),
}
check_tensors("train", "학습 뒤 가중치 (텐서마다)", trained, ADAM_WEIGHTS)
epochs = np.arange(1, len(tf_losses) + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.4))
ax.plot(epochs, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="Keras fit")
ax.plot(epochs, pt_losses, color="tab:blue", linestyle="--", label="PyTorch 학습 루프")
ax.set_xlabel("에포크")
ax.set_ylabel("교차 엔트로피")
ax.set_title("같은 초깃값에서 출발한 두 손실 곡선")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:predict]
tf_side.run("predict")
pt_side.run("predict")
check("predict", "다음 글자 확률 (6, 5)", tf_side.probs, pt_side.probs, FORWARD)
tf_answer, pt_answer = tf_side.probs.argmax(-1), pt_side.probs.argmax(-1)
check("predict", "예측한 글자 번호", tf_answer, pt_answer, EXACT)

# 학습한 두 모델은 가중치가 Adam의 반올림 차이만큼 다릅니다. 순전파만 따로 보려고
# 학습한 Keras 가중치를 새 PyTorch 모델에 옮겨 같은 가중치에서 비교합니다
fresh = pt_side.CharRNN(N_CHARS, HIDDEN_SIZE, N_CHARS)
copy_weights(tf_side.model, fresh)
with torch.no_grad():
    fresh_hidden = fresh.rnn(pt_side.x_pair)[0]
    fresh_logits = fresh(pt_side.x_pair)
tf_hidden = tf_side.rnn(tf_side.x_pair)
check(
    "predict", "학습한 가중치로 은닉 상태 (2, 6, H)", tf_hidden, fresh_hidden, FORWARD
)
tf_logits = tf_side.model(tf_side.x_pair)
check("predict", "학습한 가중치로 로짓 (2, 6, 5)", tf_logits, fresh_logits, FORWARD)
# --8<-- [end:predict]

# --8<-- [start:seed-bugs]
tf_side.run("seed-bugs")
pt_side.run("seed-bugs")
# 출력층이 없을 때의 하한: 두 쪽 모두 같은 ±1 로짓으로 계산합니다
check(
    "seed-bugs", "로짓이 ±1 안일 때 손실의 하한", tf_side.floor, pt_side.floor, FORWARD
)
# --8<-- [end:seed-bugs]
