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
FLOAT64 = {"SIDEBYSIDE_PARITY_MODE": "1"}  # data.py가 읽는 동등성 검증 모드
# 두 프로그램을 섹션 단위로 불러옵니다. 지금은 데이터와 모델 섹션까지만 실행합니다.
tf_side = ProgramSections(HERE / "tensorflow_code.py", environ=FLOAT64).run(
    "data", "model"
)
pt_side = ProgramSections(HERE / "pytorch_code.py", environ=FLOAT64).run(
    "data", "model"
)
# --8<-- [end:load]


# --8<-- [start:mapping]
def reorder_gates(w):
    """Keras GRU의 게이트 순서 [z, r, h]를 PyTorch의 [r, z, n]으로 (마지막 축)."""
    z, r, h = np.split(w, 3, axis=-1)
    return np.concatenate([r, z, h], axis=-1)


same = lambda w: w
transpose = lambda w: w.T  # Keras (입력, 출력) → PyTorch (출력, 입력)
# GRU: 게이트 순서를 바꾸고 전치, kernel (입력, 3U) → weight_ih (3U, 입력)
gates_transposed = lambda k: reorder_gates(k).T
# reset_after=True인 Keras GRU의 bias (2, 3U) = [입력 쪽 bias, 순환 쪽 bias]
input_bias = lambda b: reorder_gates(b[0])
recurrent_bias = lambda b: reorder_gates(b[1])


def gru_entries(name, cell, weight_ih, weight_hh, bias_ih, bias_hh):
    """Keras GRU 셀 → PyTorch 파라미터 넷: (이름, Keras 변수, 받을 곳, 변환)."""
    return [
        (f"{name}.weight_ih", cell.kernel, weight_ih, gates_transposed),
        (f"{name}.weight_hh", cell.recurrent_kernel, weight_hh, gates_transposed),
        (f"{name}.bias_ih", cell.bias, bias_ih, input_bias),
        (f"{name}.bias_hh", cell.bias, bias_hh, recurrent_bias),
    ]


def dense_entries(name, dense, linear):
    """Keras Dense → nn.Linear: kernel은 전치, bias(있으면)는 그대로."""
    entries = [(f"{name}.weight", dense.kernel, linear.weight, transpose)]
    if dense.use_bias:
        entries.append((f"{name}.bias", dense.bias, linear.bias, same))
    return entries


def weight_map(tf_program, pt_program):
    """두 프로그램의 모델에서 (이름, Keras 변수, PyTorch 파라미터, 변환)의 목록."""
    tf_enc, tf_dec = tf_program.encoder, tf_program.decoder
    pt_enc, pt_dec = pt_program.encoder, pt_program.decoder
    enc_gru, dec_cell = pt_enc.gru, pt_dec.cell
    weights = [
        # Embedding은 두 프레임워크 모두 (V, E)라 그대로 옮깁니다
        (
            "encoder.embedding",
            tf_enc.embedding.embeddings,
            pt_enc.embedding.weight,
            same,
        ),
        # nn.GRU의 파라미터 이름에는 층 번호(_l0)가 붙습니다
        *gru_entries(
            "encoder.gru",
            tf_enc.gru.cell,
            enc_gru.weight_ih_l0,
            enc_gru.weight_hh_l0,
            enc_gru.bias_ih_l0,
            enc_gru.bias_hh_l0,
        ),
        (
            "decoder.embedding",
            tf_dec.embedding.embeddings,
            pt_dec.embedding.weight,
            same,
        ),
        *dense_entries("attention.W1", tf_dec.attention.W1, pt_dec.attention.W1),
        *dense_entries("attention.W2", tf_dec.attention.W2, pt_dec.attention.W2),
        *dense_entries("attention.V", tf_dec.attention.V, pt_dec.attention.V),
        # GRUCell ↔ nn.GRUCell: 배치는 GRU 층과 같습니다
        *gru_entries(
            "decoder.cell",
            tf_dec.cell,
            dec_cell.weight_ih,
            dec_cell.weight_hh,
            dec_cell.bias_ih,
            dec_cell.bias_hh,
        ),
        *dense_entries("decoder.fc", tf_dec.fc, pt_dec.fc),
    ]
    # 빠진 가중치가 없는지: 양쪽의 모든 학습 변수가 한 번씩 짝지어졌는지 확인합니다
    pt_params = [*pt_enc.parameters(), *pt_dec.parameters()]
    tf_vars = tf_enc.trainable_variables + tf_dec.trainable_variables
    assert sorted(id(p) for _, _, p, _ in weights) == sorted(map(id, pt_params))
    assert {id(v) for _, v, _, _ in weights} == set(map(id, tf_vars))
    return weights


def to_torch(convert, value):
    """Keras 배치의 값(가중치나 기울기)을 PyTorch 배치의 NumPy 배열로."""
    return np.ascontiguousarray(convert(np.asarray(value)))


def copy_weights(weights):
    with torch.no_grad():
        for _, variable, param, convert in weights:
            param.copy_(torch.from_numpy(to_torch(convert, variable.numpy())))


WEIGHTS = weight_map(tf_side, pt_side)
copy_weights(WEIGHTS)
mark_weights_copied()
n_vars = len({id(variable) for _, variable, _, _ in WEIGHTS})
print(f"Keras 변수 {n_vars}개 → PyTorch 파라미터 {len(WEIGHTS)}개로 복사")
# --8<-- [end:mapping]

# --8<-- [start:data]
# 두 프로그램이 각자 만든 배열입니다(메모리를 나누지 않습니다)
check("data", "인코더 입력 번호 (N, S)", tf_side.src, pt_side.src, EXACT)
check("data", "디코더 입력 번호 (N, T)", tf_side.decoder_in, pt_side.decoder_in, EXACT)
check(
    "data", "디코더 정답 번호 (N, T)", tf_side.decoder_out, pt_side.decoder_out, EXACT
)
# --8<-- [end:data]

# --8<-- [start:model]
tf_enc, tf_dec = tf_side.encoder, tf_side.decoder
pt_enc, pt_dec = pt_side.encoder, pt_side.decoder
tf_out, tf_state = tf_enc(tf_side.src)
pt_out, pt_state = pt_enc(pt_side.src)
check("model", "인코더 GRU 출력 (N, S, U)", tf_out, pt_out, FORWARD)
check("model", "인코더 마지막 상태 (N, U)", tf_state, pt_state, FORWARD)
tf_mask, pt_mask = tf_side.src != 0, pt_side.src != 0
tf_first_in, pt_first_in = tf_side.decoder_in[:, 0], pt_side.decoder_in[:, 0]
tf_logits, tf_next, tf_weights = tf_dec(tf_first_in, tf_state, tf_out, tf_mask)
pt_logits, pt_next, pt_weights = pt_dec(pt_first_in, pt_state, pt_out, pt_mask)
check("model", "어텐션 가중치 (N, S), 패딩 자리는 0", tf_weights, pt_weights, FORWARD)
check("model", "디코더 한 시점 로짓 (N, V)", tf_logits, pt_logits, FORWARD)
check("model", "디코더 다음 상태 (N, U)", tf_next, pt_next, FORWARD)
check("model", "파라미터 수", tf_side.n_params, pt_side.n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
tf_teacher = tf_side.teacher_forcing(tf_side.src, tf_side.decoder_in)
with torch.no_grad():
    pt_teacher = pt_side.teacher_forcing(pt_side.src, pt_side.decoder_in)
check("step", "교사 강요로 구한 로짓 (N, T, V)", tf_teacher, pt_teacher, FORWARD)
# 학습 직전의 기울기: 두 프로그램의 손실 함수와 teacher_forcing으로 구합니다
with tf.GradientTape() as tape:
    tf_loss = tf_side.loss_fn(
        tf_side.decoder_out, tf_side.teacher_forcing(tf_side.src, tf_side.decoder_in)
    )
tf_grads = tape.gradient(tf_loss, [variable for _, variable, _, _ in WEIGHTS])
pt_logits = pt_side.teacher_forcing(pt_side.src, pt_side.decoder_in)
pt_loss = pt_side.loss_fn(
    pt_logits.reshape(-1, pt_logits.shape[-1]), pt_side.decoder_out.reshape(-1)
)
pt_side.optimizer.zero_grad()
pt_loss.backward()
check("step", "학습 직전 손실", tf_loss, pt_loss, FORWARD)
# 기울기도 가중치와 같은 변환으로 PyTorch 배치로 바꿔
# 텐서마다 그 크기에 맞춰 비교합니다
gradients = {
    name: (to_torch(convert, tf.convert_to_tensor(g)), param.grad)
    for (name, _, param, convert), g in zip(WEIGHTS, tf_grads)
}
check_tensors("step", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: 150번 갱신 전체
from data import STEPS

tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check("train", f"{STEPS}번 갱신의 손실 궤적", tf_losses, pt_losses, ADAM_STEPS)
weights = {
    name: (to_torch(convert, variable.numpy()), param)
    for name, variable, param, convert in WEIGHTS
}
check_tensors("train", "학습을 마친 가중치 (텐서마다)", weights, ADAM_WEIGHTS)
with torch.no_grad():
    pt_trained = pt_side.teacher_forcing(pt_side.src, pt_side.decoder_in)
tf_trained = tf_side.teacher_forcing(tf_side.src, tf_side.decoder_in)
check("train", "학습한 모델의 디코더 로짓 (N, T, V)", tf_trained, pt_trained, FORWARD)

steps = np.arange(1, len(tf_losses) + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.6))
ax.plot(steps, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="TensorFlow")
ax.plot(steps, pt_losses, color="tab:blue", linestyle="--", label="PyTorch")
ax.set_xlabel("갱신 횟수")
ax.set_ylabel("교차 엔트로피 (패딩 제외)")
ax.set_title("같은 초깃값에서 출발한 두 손실 곡선 (float64)")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:decode]
from data import TGT_LEN

tf_side.run("decode")
pt_side.run("decode")
tf_first, tf_first_attention = tf_side.translate(tf_side.src[:8], TGT_LEN)
pt_first, pt_first_attention = pt_side.translate(pt_side.src[:8], TGT_LEN)
check("decode", "학습 문장 8개의 탐욕적 디코딩 결과", tf_first, pt_first, EXACT)
tf_attention, pt_attention = tf_first_attention, pt_first_attention
check("decode", "그때의 어텐션 가중치 (8, T, S)", tf_attention, pt_attention, FORWARD)
# --8<-- [end:decode]

# --8<-- [start:translate]
tf_side.run("translate")
pt_side.run("translate")
check(
    "translate",
    "학습 문장 번역 (N, T)",
    tf_side.train_tokens,
    pt_side.train_tokens,
    EXACT,
)
check(
    "translate",
    "평가 문장 번역 (N, T)",
    tf_side.test_tokens,
    pt_side.test_tokens,
    EXACT,
)
counts = (tf_side.n_train, tf_side.n_test), (pt_side.n_train, pt_side.n_test)
check("translate", "출력한 정답 개수 (학습, 평가)", *counts, EXACT)
tf_attention, pt_attention = tf_side.attention, pt_side.attention
check(
    "translate",
    "평가 문장의 어텐션 가중치 (N, T, S)",
    tf_attention,
    pt_attention,
    FORWARD,
)
# --8<-- [end:translate]

# --8<-- [start:sparse-adam]
# 심화: Embedding의 희소 기울기(IndexedSlices)를 그대로 Keras Adam에 넘기면?
# (1) 작은 예: 1번 단어가 배치 안의 두 문장에 한 번씩 나옵니다(한 문장 안에서는 한 번뿐)
import keras

from data import BETA_1, BETA_2, KERAS_EPSILON, LEARNING_RATE

tokens = np.array([[1, 2], [1, 3]])
upstream = np.random.default_rng(0).normal(size=(2, 2, 4))
start = np.random.default_rng(1).normal(size=(5, 4))


def keras_adam_step(densify):
    emb = keras.layers.Embedding(5, 4, embeddings_initializer="zeros")
    emb.build((None, 2))
    emb.embeddings.assign(start)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(emb(tokens) * upstream)
    (grad,) = tape.gradient(loss, emb.trainable_variables)
    kind = type(grad).__name__
    grad = tf.convert_to_tensor(grad) if densify else grad
    adam = keras.optimizers.Adam(
        learning_rate=LEARNING_RATE, beta_1=BETA_1, beta_2=BETA_2, epsilon=KERAS_EPSILON
    )
    adam.apply_gradients([(grad, emb.embeddings)])
    return kind, emb.embeddings.numpy()


torch_emb = torch.nn.Embedding(5, 4, _weight=torch.from_numpy(start.copy()))
(torch_emb(torch.from_numpy(tokens)) * torch.from_numpy(upstream)).sum().backward()
torch_adam = torch.optim.Adam(
    torch_emb.parameters(), lr=LEARNING_RATE, betas=(BETA_1, BETA_2)
)
torch_adam.param_groups[0]["eps"] = pt_side.keras_epsilon(1)  # 프로그램의 ε 규칙
torch_adam.step()

kind, sparse_rows = keras_adam_step(densify=False)
sparse_gap = np.abs(sparse_rows - torch_emb.weight.detach().numpy()).max(axis=1)
print(f"Keras 기울기 종류: {kind}")
print("희소 기울기 그대로, 행마다 최대 |Δ|:", np.round(sparse_gap, 4).tolist())
# 어긋나는 까닭: 2차 모멘트에 (g₁ + g₂)² 대신 g₁² + g₂²가 들어갑니다
per_row = upstream.reshape(-1, 4)  # 나온 자리마다의 기울기 (4, 4)
ids = tokens.reshape(-1)
g_sum, g_sq = np.zeros((5, 4)), np.zeros((5, 4))
np.add.at(g_sum, ids, per_row)
np.add.at(g_sq, ids, per_row**2)
alpha = LEARNING_RATE * np.sqrt(1 - BETA_2) / (1 - BETA_1)
by_hand = start - alpha * (1 - BETA_1) * g_sum / (
    np.sqrt((1 - BETA_2) * g_sq) + KERAS_EPSILON
)
print("g² 합 규칙으로 손 계산한 값과 같은가:", np.allclose(sparse_rows, by_hand))
_, dense_rows = keras_adam_step(densify=True)
check(
    "step",
    "작은 예: 밀집으로 바꾼 뒤 Adam 한 단계",
    dense_rows,
    torch_emb.weight,
    FORWARD,
)

# (2) 이 글의 모델: 처음 상태에서 한 번 갱신하고 텐서마다 비교합니다
tf_fresh = ProgramSections(HERE / "tensorflow_code.py", environ=FLOAT64)
pt_fresh = ProgramSections(HERE / "pytorch_code.py", environ=FLOAT64)
tf_fresh.run("data", "model", "step")
pt_fresh.run("data", "model", "step")
fresh = weight_map(tf_fresh, pt_fresh)
copy_weights(fresh)
with tf.GradientTape() as tape:
    logits = tf_fresh.teacher_forcing(tf_fresh.src, tf_fresh.decoder_in)
    loss = tf_fresh.loss_fn(tf_fresh.decoder_out, logits)
variables = tf_fresh.encoder.trainable_variables + tf_fresh.decoder.trainable_variables
grads = tape.gradient(loss, variables)
sparse = {id(v) for v, g in zip(variables, grads) if isinstance(g, tf.IndexedSlices)}
tf_fresh.optimizer.apply_gradients(zip(grads, variables))  # 바꾸지 않고 그대로
pt_fresh.train_step(pt_fresh.src, pt_fresh.decoder_in, pt_fresh.decoder_out, 1)
for name, variable, param, convert in fresh:
    gap = np.abs(to_torch(convert, variable.numpy()) - param.detach().numpy()).max()
    kind = "희소" if id(variable) in sparse else "밀집"
    if gap > 1e-6 or kind == "희소":
        print(f"{name:22s} 기울기 {kind}: 한 단계 뒤 최대 |Δ| {gap:.1e}")
print("나머지 텐서는 모두 |Δ| < 1e-6")
# --8<-- [end:sparse-adam]
