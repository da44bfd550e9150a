# 두 구현이 정말 같은 모델인지 숫자로 확인합니다(동등성 검증).
# 페이지에 보이는 두 프로그램의 섹션을 그대로 실행하되, 학습 전에 Keras의 초깃값을
# PyTorch 모델로 옮겨 두 학습이 같은 출발점에서 시작하게 합니다.
# 드롭아웃은 두 프레임워크의 난수 마스크를 맞출 수 없어서, 두 프로그램을
# 동등성 검증 모드(SIDEBYSIDE_PARITY_MODE=1, data.py가 DROPOUT = 0으로 둠)로 실행합니다.
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
PARITY_MODE = {"SIDEBYSIDE_PARITY_MODE": "1"}  # 드롭아웃을 끄는 문서화된 모드
tf_side = ProgramSections(HERE / "tensorflow_code.py", environ=PARITY_MODE)
pt_side = ProgramSections(HERE / "pytorch_code.py", environ=PARITY_MODE)
# 지금은 데이터와 모델 섹션까지만 실행합니다
tf_side.run("data", "model")
pt_side.run("data", "model")
print("드롭아웃 비율 (검증 모드):", tf_side.DROPOUT, "/", pt_side.DROPOUT)
# --8<-- [end:load]


# --8<-- [start:mapping]
def copy_weights(keras_model, torch_model):
    """Keras의 SimpleRNN 두 개 + Dense → SentenceRNN(nn.RNN 2층 + Linear)."""
    rnn_layers = [layer for layer in keras_model.layers if "simple_rnn" in layer.name]
    dense = keras_model.layers[-1]
    rnn = torch_model.rnn
    with torch.no_grad():
        for k, layer in enumerate(rnn_layers):  # k번째 SimpleRNN → 이름 끝 _l{k}
            cell = layer.cell
            # kernel (입력, H) → weight_ih_l{k} (H, 입력): 전치
            getattr(rnn, f"weight_ih_l{k}").copy_(
                torch.from_numpy(cell.kernel.numpy().T)
            )
            # recurrent_kernel (H, H) → weight_hh_l{k}: 정사각이라도 전치
            recurrent = torch.from_numpy(cell.recurrent_kernel.numpy().T)
            getattr(rnn, f"weight_hh_l{k}").copy_(recurrent)
            # bias 하나 → bias_ih_l{k}. bias_hh_l{k}는 프로그램이 고정한 0 그대로
            getattr(rnn, f"bias_ih_l{k}").copy_(torch.from_numpy(cell.bias.numpy()))
        # Dense kernel (H, 2) → Linear weight (2, H)
        torch_model.fc.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
        torch_model.fc.bias.copy_(torch.from_numpy(dense.bias.numpy()))
    # Embedding 표는 두 쪽 모두 data.py의 같은 원-핫 표에서 시작하고 학습하지 않습니다


copy_weights(tf_side.model, pt_side.model)
mark_weights_copied()
for k, layer in enumerate([tf_side.rnn_1, tf_side.rnn_2]):
    shape = tuple(layer.cell.kernel.shape)
    target = tuple(getattr(pt_side.model.rnn, f"weight_ih_l{k}").shape)
    print(f"{layer.name}: kernel {shape} → weight_ih_l{k} {target}")
# --8<-- [end:mapping]

# --8<-- [start:data]
# Keras pad_sequences는 int32, PyTorch pad_sequence는 int64라서 값만 비교합니다
check(
    "data",
    'pad_sequences(padding="post") ↔ pad_sequence',
    tf_side.x_train,
    pt_side.x_train,
    EXACT,
)
check("data", "레이블 (12,)", tf_side.y_train, pt_side.y_train, EXACT, dtype=True)
# --8<-- [end:data]

# --8<-- [start:model]
tf_model, pt_model = tf_side.model, pt_side.model
check(
    "model",
    "처음 로짓 (12, 2)",
    tf_model(tf_side.x_train),
    pt_model(pt_side.x_train, pt_side.lengths),
    FORWARD,
)
check("model", "학습하는 파라미터 수", tf_side.n_trained, pt_side.n_trained, EXACT)
table_k = tf_side.embedding.embeddings
check(
    "model", "고정한 원-핫 표", table_k, pt_model.embedding.weight, EXACT, copied=False
)
# --8<-- [end:model]

# --8<-- [start:mask]
tf_side.run("mask")
pt_side.run("mask")
# Keras 마스크의 True 개수 = PyTorch에 넘긴 실제 길이
check("mask", "마스크의 길이 ↔ lengths", tf_side.lengths, pt_side.lengths, EXACT)
# 마스크로 건너뛴 계산과 패킹한 계산이 층마다 같은지 봅니다
check(
    "mask", "1층의 마지막 실제 단계 ↔ h_n[0]", tf_side.last_1, pt_side.h_n[0], FORWARD
)
check("mask", "2층 상태 ↔ h_n[-1]", tf_side.state_2, pt_side.h_n[-1], FORWARD)
# --8<-- [end:mask]

# --8<-- [start:optimizer]
tf_side.run("optimizer")
pt_side.run("optimizer")
from data import BATCH_SIZE

# 첫 배치에서 두 프로그램이 정한 손실과 그 기울기를 비교합니다
rnn, fc = pt_model.rnn, pt_model.fc
cell_1, cell_2, dense = tf_side.rnn_1.cell, tf_side.rnn_2.cell, tf_side.dense
# (이름, Keras 변수, PyTorch 파라미터). 행렬은 전치해서 비교합니다
pairs = [
    ("1층 kernel ↔ weight_ih_l0", cell_1.kernel, rnn.weight_ih_l0),
    ("1층 recurrent_kernel ↔ weight_hh_l0", cell_1.recurrent_kernel, rnn.weight_hh_l0),
    ("1층 bias ↔ bias_ih_l0", cell_1.bias, rnn.bias_ih_l0),
    ("2층 kernel ↔ weight_ih_l1", cell_2.kernel, rnn.weight_ih_l1),
    ("2층 recurrent_kernel ↔ weight_hh_l1", cell_2.recurrent_kernel, rnn.weight_hh_l1),
    ("2층 bias ↔ bias_ih_l1", cell_2.bias, rnn.bias_ih_l1),
    ("Dense kernel ↔ fc.weight", dense.kernel, fc.weight),
    ("Dense bias ↔ fc.bias", dense.bias, fc.bias),
]
keras_vars = [variable for _, variable, _ in pairs]
x_k, y_k = tf_side.x_train[:BATCH_SIZE], tf_side.y_train[:BATCH_SIZE]
with tf.GradientTape() as tape:
    tf_loss = tf_model.loss(y_k, tf_model(x_k, training=True))
keras_grads = tape.gradient(tf_loss, keras_vars)
pt_side.optimizer.zero_grad()
first = slice(0, BATCH_SIZE)
pt_logits = pt_model(pt_side.x_train[first], pt_side.lengths[first])
pt_loss = pt_side.loss_fn(pt_logits, pt_side.y_train[first])
pt_loss.backward()
check("optimizer", "첫 배치의 손실", tf_loss, pt_loss, FORWARD)
gradients = {
    name: (grad.numpy().T, param.grad)  # .T는 벡터를 그대로 둡니다
    for (name, _, param), grad in zip(pairs, keras_grads)
}
check_tensors("optimizer", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:optimizer]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: Keras는 fit, PyTorch는 DataLoader 반복
from data import EPOCHS, HIDDEN_SIZE, NUM_LAYERS

tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check(
    "train",
    f"{EPOCHS} 에포크의 손실 궤적 (배치 평균)",
    tf_losses,
    pt_losses,
    ADAM_STEPS,
)
trained = {name: (variable.numpy().T, param) for name, variable, param in pairs}
trained["0 ↔ bias_hh_l0, bias_hh_l1 (고정)"] = (
    np.zeros((NUM_LAYERS, HIDDEN_SIZE), "float32"),
    torch.stack([rnn.bias_hh_l0, rnn.bias_hh_l1]),
)
check_tensors("train", "학습 뒤 가중치 (텐서마다)", trained, ADAM_WEIGHTS)
check("train", "고정한 표가 움직인 양", tf_side.table_moved, pt_side.table_moved, EXACT)

epochs = np.arange(1, len(tf_losses) + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.4))
ax.plot(epochs, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="Keras (마스킹)")
ax.plot(epochs, pt_losses, color="tab:blue", linestyle="--", label="PyTorch (패킹)")
ax.set_xlabel("에포크")
ax.set_ylabel("교차 엔트로피 (배치 평균)")
ax.set_title("같은 초깃값, 드롭아웃을 끈 두 손실 곡선")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:evaluate]
tf_side.run("evaluate")
pt_side.run("evaluate")
check(
    "evaluate",
    "학습 문장의 확률 (12, 2)",
    tf_side.train_probs,
    pt_side.train_probs,
    FORWARD,
)
check(
    "evaluate",
    "평가 문장의 확률 (4, 2)",
    tf_side.test_probs,
    pt_side.test_probs,
    FORWARD,
)
tf_guess, pt_guess = tf_side.test_probs.argmax(1), pt_side.test_probs.argmax(1)
check("evaluate", "평가 문장의 예측", tf_guess, pt_guess, EXACT)
check("evaluate", "평가 정확도", tf_side.test_acc, pt_side.test_acc, EXACT)
# --8<-- [end:evaluate]

# --8<-- [start:padded-step]
tf_side.run("padded-step")
pt_side.run("padded-step")
# Keras의 '마스크 끔'과 PyTorch의 '패킹 없음'은 같은 잘못입니다: 패딩까지 읽은 상태.
# 각자 학습한 모델에서 어느 문장의 예측이 바뀌는지 같아야 합니다
check("padded-step", "예측이 바뀐 문장", tf_side.flipped, pt_side.flipped, EXACT)

# 같은 가중치에서도 보려고, 학습한 Keras 가중치를 새 PyTorch 모델에 옮깁니다
from data import N_CLASSES, ONE_HOT_TABLE

fresh = pt_side.SentenceRNN(
    torch.from_numpy(ONE_HOT_TABLE), HIDDEN_SIZE, NUM_LAYERS, 0.0, N_CLASSES
)
copy_weights(tf_model, fresh)
fresh.eval()
with torch.no_grad():
    _, h_padded = fresh.rnn(fresh.embedding(pt_side.x_train))
    fresh_padded = fresh.fc(h_padded[-1])
    fresh_packed = fresh(pt_side.x_train, pt_side.lengths)
tf_padded = tf_side.unmasked(tf_side.x_train)
check("padded-step", "학습한 가중치로 패킹 없는 로짓", tf_padded, fresh_padded, FORWARD)
tf_packed = tf_model(tf_side.x_train)
check("padded-step", "학습한 가중치로 패킹한 로짓", tf_packed, fresh_packed, FORWARD)
# --8<-- [end:padded-step]
