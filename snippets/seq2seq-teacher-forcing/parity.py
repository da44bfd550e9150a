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


def gru_entries(name, keras_gru, torch_gru):
    """Keras GRU 층 하나 → nn.GRU의 파라미터 넷: (이름, Keras 변수, 받을 곳, 변환)."""
    cell, t = keras_gru.cell, torch_gru  # Keras의 가중치는 셀(cell)이 가집니다
    return [
        (f"{name}.weight_ih", cell.kernel, t.weight_ih_l0, gates_transposed),
        (f"{name}.weight_hh", cell.recurrent_kernel, t.weight_hh_l0, gates_transposed),
        (f"{name}.bias_ih", cell.bias, t.bias_ih_l0, input_bias),
        (f"{name}.bias_hh", cell.bias, t.bias_hh_l0, recurrent_bias),
    ]


tf_enc, tf_dec = tf_side.encoder, tf_side.decoder
pt_enc, pt_dec = pt_side.encoder, pt_side.decoder
WEIGHTS = [
    # Embedding은 두 프레임워크 모두 (V, E)라 그대로 옮깁니다
    ("encoder.embedding", tf_enc.embedding.embeddings, pt_enc.embedding.weight, same),
    *gru_entries("encoder.gru", tf_enc.gru, pt_enc.gru),
    ("decoder.embedding", tf_dec.embedding.embeddings, pt_dec.embedding.weight, same),
    *gru_entries("decoder.gru", tf_dec.gru, pt_dec.gru),
    ("decoder.fc.weight", tf_dec.fc.kernel, pt_dec.fc.weight, transpose),
    ("decoder.fc.bias", tf_dec.fc.bias, pt_dec.fc.bias, same),
]

# 빠진 가중치가 없는지: 양쪽의 모든 학습 변수가 짝지어졌는지 확인합니다
pt_params = [*pt_enc.parameters(), *pt_dec.parameters()]
tf_vars = tf_enc.trainable_variables + tf_dec.trainable_variables
assert sorted(id(p) for _, _, p, _ in WEIGHTS) == sorted(map(id, pt_params))
assert {id(v) for _, v, _, _ in WEIGHTS} == set(map(id, tf_vars))


def to_torch(convert, value):
    """Keras 배치의 값(가중치나 기울기)을 PyTorch 배치의 NumPy 배열로."""
    return np.ascontiguousarray(convert(np.asarray(value)))


with torch.no_grad():
    for _, variable, param, convert in WEIGHTS:
        param.copy_(torch.from_numpy(to_torch(convert, variable.numpy())))
mark_weights_copied()
print(f"Keras 변수 {len(tf_vars)}개 → PyTorch 파라미터 {len(pt_params)}개로 복사")
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
tf_out, tf_state = tf_enc(tf_side.src)
pt_out, pt_state = pt_enc(pt_side.src)
check("model", "인코더 GRU 출력 (N, S, U)", tf_out, pt_out, FORWARD)
check("model", "인코더 마지막 상태 = 문맥 벡터 (N, U)", tf_state, pt_state, FORWARD)
tf_logits, tf_last = tf_dec(tf_side.decoder_in, tf_state)
pt_logits, pt_last = pt_dec(pt_side.decoder_in, pt_state)
check("model", "디코더 로짓 (N, T, V)", tf_logits, pt_logits, FORWARD)
check("model", "디코더 마지막 상태 (N, U)", tf_last, pt_last, FORWARD)
check("model", "파라미터 수", tf_side.n_params, pt_side.n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:teacher-forcing]
tf_side.run("teacher-forcing")
pt_side.run("teacher-forcing")
check("teacher-forcing", "한 번에 넣은 로짓", tf_side.whole, pt_side.whole, FORWARD)
check("teacher-forcing", "한 시점씩 모은 로짓", tf_side.looped, pt_side.looped, FORWARD)
# --8<-- [end:teacher-forcing]

# --8<-- [start:loss]
tf_side.run("loss")
pt_side.run("loss")
check(
    "loss", "ignore_class ↔ ignore_index 손실", tf_side.masked, pt_side.masked, FORWARD
)
check("loss", "패딩까지 평균한 손실", tf_side.everything, pt_side.everything, FORWARD)
# --8<-- [end:loss]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
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
tf_first = tf_side.translate(tf_side.src[:8], TGT_LEN)
pt_first = pt_side.translate(pt_side.src[:8], TGT_LEN)
check("decode", "학습 문장 8개의 탐욕적 디코딩 결과", tf_first, pt_first, EXACT)
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
# --8<-- [end:translate]
