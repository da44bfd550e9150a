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
def as_torch(value, transpose=False):
    value = torch.from_numpy(np.asarray(value))
    return value.T if transpose else value


def copy_lstm(cell, lstm, suffix):
    """Keras LSTM 셀 하나 → nn.LSTM의 한 층 (suffix: "l0", "l1", ...)."""
    # 게이트 순서는 양쪽 모두 [i, f, c(g), o]라서 덩어리를 바꿀 필요 없이 전치만 합니다
    # kernel (입력, 4H) → weight_ih (4H, 입력), recurrent_kernel (H, 4H) → weight_hh
    getattr(lstm, f"weight_ih_{suffix}").copy_(as_torch(cell.kernel, transpose=True))
    getattr(lstm, f"weight_hh_{suffix}").copy_(
        as_torch(cell.recurrent_kernel, transpose=True)
    )
    getattr(lstm, f"bias_ih_{suffix}").copy_(as_torch(cell.bias))  # 하나뿐인 편향
    getattr(lstm, f"bias_hh_{suffix}").zero_()  # 둘째 편향은 0 (학습하지 않음)


keras_model, torch_model = tf_side.model, pt_side.model
embeddings, dense = keras_model.embedding.embeddings, keras_model.dense


def copy_char_model():
    with torch.no_grad():
        torch_model.embedding.weight.copy_(as_torch(embeddings))  # (V, E) 그대로
        copy_lstm(keras_model.lstm1.cell, torch_model.lstm, "l0")  # 1층 → _l0
        copy_lstm(keras_model.lstm2.cell, torch_model.lstm, "l1")  # 2층 → _l1
        torch_model.fc.weight.copy_(as_torch(dense.kernel, transpose=True))  # (H, V)
        torch_model.fc.bias.copy_(as_torch(dense.bias))


copy_char_model()
mark_weights_copied()
print("embedding (V, E) → 그대로 → embedding.weight")
for layer, suffix in (("lstm1", "l0"), ("lstm2", "l1")):
    print(f"{layer}: kernel.T → weight_ih_{suffix}, recurrent_kernel.T → ", end="")
    print(f"weight_hh_{suffix},\n       bias → bias_ih_{suffix}, 0 → bias_hh_{suffix}")
print("dense: kernel.T → fc.weight, bias → fc.bias")
# --8<-- [end:mapping]


# --8<-- [start:pairs]
def lstm_table(cell, lstm, suffix, prefix):
    """(이름, Keras 변수, PyTorch 파라미터, 전치 여부): 기울기와 학습 뒤 비교."""
    weight_ih, weight_hh = (
        lstm.get_parameter(f"{k}_{suffix}") for k in ("weight_ih", "weight_hh")
    )
    return [
        (f"{prefix} kernel", cell.kernel, weight_ih, True),
        (f"{prefix} recurrent_kernel", cell.recurrent_kernel, weight_hh, True),
        (f"{prefix} bias", cell.bias, lstm.get_parameter(f"bias_ih_{suffix}"), False),
    ]


def char_table():
    return [
        ("embedding", embeddings, torch_model.embedding.weight, False),
        *lstm_table(keras_model.lstm1.cell, torch_model.lstm, "l0", "1층"),
        *lstm_table(keras_model.lstm2.cell, torch_model.lstm, "l1", "2층"),
        ("dense kernel", dense.kernel, torch_model.fc.weight, True),
        ("dense bias", dense.bias, torch_model.fc.bias, False),
    ]


def in_torch_layout(value, transpose):
    value = np.asarray(value)
    return value.T if transpose else value


def weights_of(table):
    return {name: (in_torch_layout(k, tr), p) for name, k, p, tr in table}


# --8<-- [end:pairs]


# --8<-- [start:data]
check("data", "입력 창 (170, 10)", tf_side.x_chars, pt_side.x_chars, EXACT, dtype=True)
check("data", "정답 창 (170, 10)", tf_side.y_chars, pt_side.y_chars, EXACT, dtype=True)
# --8<-- [end:data]

# --8<-- [start:model]
with torch.no_grad():
    pt_logits, (pt_h, pt_c) = torch_model(pt_side.x_chars)
tf_logits, tf_states = keras_model(tf_side.x_chars)
check("model", "처음 로짓 (B, T, V)", tf_logits, pt_logits, FORWARD)
for layer, (tf_h, tf_c) in enumerate(tf_states):
    check(
        "model",
        f"{layer + 1}층 [h, c] ↔ h_n[{layer}], c_n[{layer}]",
        np.stack([tf_h, tf_c]),
        torch.stack([pt_h[layer], pt_c[layer]]),
        FORWARD,
    )
n_trainable = sum(p.numel() for p in pt_side.trainable)
check("model", "학습하는 파라미터 수", keras_model.count_params(), n_trainable, EXACT)
# --8<-- [end:model]

# --8<-- [start:gates]
tf_side.run("gates")
pt_side.run("gates")
gates = {
    name: (getattr(tf_side, name), getattr(pt_side, name))
    for name in ("i", "f", "g", "o")
}
check_tensors("gates", "첫 시점의 게이트 i, f, c(g), o", gates, FORWARD)
check("gates", "손으로 계산한 h₁", tf_side.h1, pt_side.h1, FORWARD)
check("gates", "손으로 계산한 c₁", tf_side.c1, pt_side.c1, FORWARD)
# --8<-- [end:gates]

# --8<-- [start:gru]
tf_side.run("gru")
pt_side.run("gru")
keras_cell, torch_gru = tf_side.gru_cell, pt_side.gru


def z_r_h_to_r_z_n(value):
    """Keras GRU의 마지막 축 [z | r | h] → PyTorch 순서 [r | z | n]."""
    z, r, h = np.split(np.asarray(value), 3, axis=-1)
    return np.concatenate([r, z, h], axis=-1)


with torch.no_grad():
    # 덩어리 순서를 바꾼 뒤 전치합니다: kernel (E, 3H) → weight_ih (3H, E)
    kernel = z_r_h_to_r_z_n(keras_cell.kernel.numpy())
    recurrent = z_r_h_to_r_z_n(keras_cell.recurrent_kernel.numpy())
    torch_gru.weight_ih_l0.copy_(as_torch(kernel, transpose=True))
    torch_gru.weight_hh_l0.copy_(as_torch(recurrent, transpose=True))
    bias = z_r_h_to_r_z_n(keras_cell.bias.numpy())  # (2, 3H): [입력 쪽, 순환 쪽]
    torch_gru.bias_ih_l0.copy_(as_torch(bias[0]))
    torch_gru.bias_hh_l0.copy_(as_torch(bias[1]))
    pt_gru_out, pt_gru_h = torch_gru(pt_side.embedded)
    pt_hand = torch.zeros(len(pt_side.x_chars), pt_side.UNITS)
    for step in range(2):
        pt_hand = pt_side.gru_step(pt_side.embedded[:, step], pt_hand)
print("kernel, recurrent_kernel, bias[0], bias[1]: [z|r|h] → [r|z|n], 행렬은 전치")
check("gru", "GRU 출력 (B, T, H)", tf_side.gru_out, pt_gru_out, FORWARD)
check("gru", "GRU 마지막 상태 ↔ h_n[0]", tf_side.gru_h, pt_gru_h[0], FORWARD)
check("gru", "식으로 계산한 두 시점 뒤 상태", tf_side.h, pt_hand, FORWARD)
n_gru = sum(p.numel() for p in torch_gru.parameters())
check("gru", "파라미터 수 (reset_after=True)", tf_side.gru.count_params(), n_gru, EXACT)
# --8<-- [end:gru]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
# 학습 직전, 두 프로그램의 손실로 구한 기울기를 텐서마다 비교합니다
table = char_table()
with tf.GradientTape() as tape:
    tf_logits, _ = keras_model(tf_side.x_chars, training=True)
    tf_loss = tf_side.loss_fn(tf_side.y_chars, tf_logits)
tf_grads = tape.gradient(tf_loss, [keras for _, keras, _, _ in table])
torch_model.zero_grad()
pt_logits, _ = torch_model(pt_side.x_chars)
pt_loss = pt_side.loss_fn(pt_logits.transpose(1, 2), pt_side.y_chars)
pt_loss.backward()
check("step", "학습 직전 손실", tf_loss, pt_loss, FORWARD)
gradients = {
    name: (in_torch_layout(tf.convert_to_tensor(grad), transpose), param.grad)
    for (name, _, param, transpose), grad in zip(table, tf_grads)
}
check_tensors("step", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
from data import STEPS

tf_side.run("train")
pt_side.run("train")
check(
    "train", f"{STEPS}번 갱신의 손실 궤적", tf_side.losses, pt_side.losses, ADAM_STEPS
)
check_tensors(
    "train", "학습을 마친 가중치 (텐서마다)", weights_of(char_table()), ADAM_WEIGHTS
)
# 허용 범위 안의 가중치 차이도 학습한 모델의 로짓에서는 순전파 허용 오차보다 커질 수
# 있습니다. 생성은 같은 가중치에서 비교하도록 Keras가 학습한 가중치를 다시 옮깁니다.
copy_char_model()
with torch.no_grad():
    pt_trained, _ = torch_model(pt_side.x_chars)
tf_trained = keras_model(tf_side.x_chars)[0]
check("train", "다시 옮긴 학습한 가중치의 로짓", tf_trained, pt_trained, FORWARD)
# --8<-- [end:train]

# --8<-- [start:generate]
tf_side.run("generate")
pt_side.run("generate")
check(
    "generate", "탐욕적 생성의 글자 번호", tf_side.greedy_ids, pt_side.greedy_ids, EXACT
)
tf_history, pt_history = tf_side.greedy_logits, pt_side.greedy_logits
check("generate", "생성하며 본 로짓 (글자마다)", tf_history, pt_history, FORWARD)
check(
    "generate",
    "한 글자씩 상태를 넘긴 로짓",
    tf_side.stepwise,
    pt_side.stepwise,
    FORWARD,
)
# --8<-- [end:generate]

# --8<-- [start:sample]
from data import CHARS, TEMPERATURES

tf_side.run("sample")
pt_side.run("sample")
for temperature in TEMPERATURES:
    tf_p, pt_p = tf_side.distributions[temperature], pt_side.distributions[temperature]
    check("sample", f"T={temperature}: 다음 글자 분포", tf_p, pt_p, FORWARD)

SHOWN = 34  # 그림에 보일 글자 수


def chosen_probabilities(ids, history, temperature):
    """시점마다 softmax(로짓 / T)에서 실제로 뽑힌 글자의 확률."""
    scaled = history / temperature
    probs = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    return probs[np.arange(len(ids)), ids]


rows = [("탐욕적 (둘 다)", tf_side.greedy_ids, tf_side.greedy_logits, 1.0)]
for temperature in TEMPERATURES:
    for name, side in (("Keras", tf_side), ("PyTorch", pt_side)):
        ids, history = side.samples[temperature]
        rows.append((f"{name} T={temperature}", ids, history, temperature))
matrix = np.array(
    [chosen_probabilities(ids, hist, t)[:SHOWN] for _, ids, hist, t in rows]
)
fig, ax = plt.subplots(figsize=(6.4, 3.4))
image = ax.imshow(matrix, cmap="YlGn", vmin=0, vmax=1, aspect="auto")
for row, (_, ids, _, _) in enumerate(rows):
    for col, index in enumerate(ids[:SHOWN]):
        char = CHARS[index] if CHARS[index] != " " else "·"
        color = "white" if matrix[row, col] > 0.6 else "black"  # 진한 칸에는 흰 글자
        ax.text(col, row, char, ha="center", va="center", fontsize=9, color=color)
ax.set_yticks(range(len(rows)), [label for label, *_ in rows], fontsize=9)
ax.set_xticks([])
ax.set_xlabel(f"프롬프트 {tf_side.PROMPT!r} 다음에 고른 글자 (· 는 공백)")
fig.colorbar(image, ax=ax, label="고른 글자의 확률", shrink=0.9)
ax.set_title("같은 가중치, 다른 난수: 온도별 생성 결과", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:sample]

# --8<-- [start:sine-model]
tf_side.run("sine-model")
pt_side.run("sine-model")
keras_sine, torch_sine = tf_side.sine_model, pt_side.sine_model
sine_lstm, sine_dense = keras_sine.layers  # LSTM(16), Dense(1)
with torch.no_grad():
    copy_lstm(sine_lstm.cell, torch_sine.lstm, "l0")  # 같은 규칙
    torch_sine.fc.weight.copy_(as_torch(sine_dense.kernel, transpose=True))
    torch_sine.fc.bias.copy_(as_torch(sine_dense.bias))
    pt_first = torch_sine(pt_side.sine_x)
check(
    "sine-model",
    "학습 데이터 (352, 20, 1)",
    tf_side.sine_x,
    pt_side.sine_x,
    EXACT,
    dtype=True,
)
check("sine-model", "처음 예측 (352, 1)", keras_sine(tf_side.sine_x), pt_first, FORWARD)
n_sine = sum(p.numel() for p in pt_side.sine_trainable)
check("sine-model", "학습하는 파라미터 수", keras_sine.count_params(), n_sine, EXACT)
# --8<-- [end:sine-model]

# --8<-- [start:sine-train]
from data import SINE_EPOCHS

tf_side.run("sine-train")
pt_side.run("sine-train")
tf_sine_losses, pt_sine_losses = tf_side.sine_losses, pt_side.sine_losses
check(
    "sine-train",
    f"{SINE_EPOCHS} 에포크, 갱신마다의 MSE",
    tf_sine_losses,
    pt_sine_losses,
    ADAM_STEPS,
)
sine_table = [
    *lstm_table(sine_lstm.cell, torch_sine.lstm, "l0", "LSTM"),
    ("dense kernel", sine_dense.kernel, torch_sine.fc.weight, True),
    ("dense bias", sine_dense.bias, torch_sine.fc.bias, False),
]
sine_weights = weights_of(sine_table)
check_tensors("sine-train", "학습을 마친 가중치 (텐서마다)", sine_weights, ADAM_WEIGHTS)
# --8<-- [end:sine-train]

# --8<-- [start:forecast]
tf_side.run("forecast")
pt_side.run("forecast")
check(
    "forecast",
    "평가 구간의 한 시점 앞 예측 (108, 1)",
    tf_side.forecast,
    pt_side.forecast,
    FORWARD,
)
check("forecast", "평가 RMSE", tf_side.rmse, pt_side.rmse, FORWARD)
# --8<-- [end:forecast]

# --8<-- [start:same-sample]
# 연습 문제 1의 코드: 같은 가중치와 같은 균등 난수라면 두 프레임워크가 같은 글을 씁니다
tf_side.run("exercise-same-sample")
pt_side.run("exercise-same-sample")
print("Keras  :", repr(tf_side.PROMPT + tf_side.decode(tf_side.same_ids)))
print("PyTorch:", repr(pt_side.PROMPT + pt_side.decode(pt_side.same_ids)))
tf_same, pt_same = tf_side.same_ids, pt_side.same_ids
check("sample", "공유한 균등 난수로 뽑은 글자 (연습 문제 1)", tf_same, pt_same, EXACT)
# --8<-- [end:same-sample]
