# 두 구현이 정말 같은 모델인지 숫자로 확인합니다.
# Keras 가중치를 PyTorch 모델에 그대로 옮긴 뒤 출력·기울기·학습 단계를 비교합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
import contextlib
import io
import math
from pathlib import Path

import numpy as np
import tensorflow as tf
import torch

from sidebyside.parity import ADAM_STEPS, EXACT, FORWARD, GRADIENT, check
from sidebyside.sections import load_sections

HERE = Path(__file__).resolve().parent
# 페이지에 보이는 바로 그 코드(data·model·step·decode 섹션)를 불러옵니다.
# 학습 반복(train 섹션)은 실행하지 않습니다.
with contextlib.redirect_stdout(
    io.StringIO()
):  # 섹션이 찍는 모양 출력은 여기서는 숨깁니다
    tf_side = load_sections(
        HERE / "tensorflow_code.py", "data", "model", "step", "decode"
    )
    pt_side = load_sections(HERE / "pytorch_code.py", "data", "model", "step", "decode")
# --8<-- [end:load]


# --8<-- [start:mapping]
def reorder_gates(w):
    """Keras GRU의 게이트 순서 [z, r, h]를 PyTorch의 [r, z, n]으로 (마지막 축)."""
    z, r, h = np.split(w, 3, axis=-1)
    return np.concatenate([r, z, h], axis=-1)


def gru_entries(cell, weight_ih, weight_hh, bias_ih, bias_hh):
    return [
        (
            cell.kernel,
            [weight_ih],
            lambda k: [reorder_gates(k).T],
        ),  # (in, 3U) → (3U, in)
        (cell.recurrent_kernel, [weight_hh], lambda k: [reorder_gates(k).T]),
        # reset_after=True인 Keras GRU의 bias는 (2, 3U) = [입력 쪽 bias, 순환 쪽 bias]
        (cell.bias, [bias_ih, bias_hh], lambda b: list(reorder_gates(b))),
    ]


def dense_entries(dense, linear):
    return [
        (
            dense.kernel,
            [linear.weight],
            lambda k: [k.T],
        ),  # Dense (in, out) → Linear (out, in)
        (dense.bias, [linear.bias], lambda b: [b]),
    ]


def weight_map(tf_enc, tf_dec, pt_enc, pt_dec):
    """(Keras 변수, 받을 PyTorch 파라미터들, Keras 배치 → PyTorch 배치 변환)의 목록."""
    same = lambda w: [w]
    gru = pt_enc.gru
    return [
        (tf_enc.embedding.embeddings, [pt_enc.embedding.weight], same),
        *gru_entries(
            tf_enc.gru.cell,
            gru.weight_ih_l0,
            gru.weight_hh_l0,
            gru.bias_ih_l0,
            gru.bias_hh_l0,
        ),
        (tf_dec.embedding.embeddings, [pt_dec.embedding.weight], same),
        *dense_entries(tf_dec.attention.W1, pt_dec.attention.W1),
        *dense_entries(tf_dec.attention.W2, pt_dec.attention.W2),
        *dense_entries(tf_dec.attention.V, pt_dec.attention.V),
        *gru_entries(
            tf_dec.cell,
            pt_dec.cell.weight_ih,
            pt_dec.cell.weight_hh,
            pt_dec.cell.bias_ih,
            pt_dec.cell.bias_hh,
        ),
        *dense_entries(tf_dec.fc, pt_dec.fc),
    ]


WEIGHTS = weight_map(tf_side.encoder, tf_side.decoder, pt_side.encoder, pt_side.decoder)

# 빠진 가중치가 없는지: 양쪽의 모든 학습 변수가 정확히 한 번씩 짝지어졌는지 확인
pt_params = [*pt_side.encoder.parameters(), *pt_side.decoder.parameters()]
tf_vars = tf_side.encoder.trainable_variables + tf_side.decoder.trainable_variables
assert sorted(id(p) for _, ps, _ in WEIGHTS for p in ps) == sorted(map(id, pt_params))
assert sorted(id(v) for v, _, _ in WEIGHTS) == sorted(map(id, tf_vars))

with torch.no_grad():
    for variable, params, convert in WEIGHTS:
        for param, value in zip(params, convert(variable.numpy())):
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)))
print(f"가중치 {len(tf_vars)}개 변수 → PyTorch 파라미터 {len(pt_params)}개로 복사")
# --8<-- [end:mapping]

# --8<-- [start:data]
check("data", "인코더 입력 번호", tf_side.src, pt_side.src, EXACT)
check("data", "디코더 입력·정답 번호", tf_side.decoder_out, pt_side.decoder_out, EXACT)
# --8<-- [end:data]

# --8<-- [start:model]
tf_out, tf_state = tf_side.encoder(tf_side.src)
pt_out, pt_state = pt_side.encoder(pt_side.src)
check("model", "인코더 GRU 출력 (N, S, U)", tf_out, pt_out, FORWARD)
check("model", "인코더 마지막 상태 (N, U)", tf_state, pt_state, FORWARD)

tf_logits, tf_next, tf_weights = tf_side.decoder(
    tf_side.decoder_in[:, 0], tf_state, tf_out, tf_side.src != 0
)
pt_logits, pt_next, pt_weights = pt_side.decoder(
    pt_side.decoder_in[:, 0], pt_state, pt_out, pt_side.src != 0
)
check("model", "디코더 한 시점 로짓", tf_logits, pt_logits, FORWARD)
check("model", "어텐션 가중치 (패딩 위치는 0)", tf_weights, pt_weights, FORWARD)
check("model", "디코더 다음 상태", tf_next, pt_next, FORWARD)
# --8<-- [end:model]

# --8<-- [start:step]
with tf.GradientTape() as tape:
    tf_loss = tf_side.loss_fn(
        tf_side.decoder_out, tf_side.teacher_forcing(tf_side.src, tf_side.decoder_in)
    )
tf_grads = tape.gradient(tf_loss, [v for v, _, _ in WEIGHTS])

pt_logits = pt_side.teacher_forcing(pt_side.src, pt_side.decoder_in)
pt_loss = pt_side.loss_fn(
    pt_logits.reshape(-1, pt_logits.shape[-1]), pt_side.decoder_out.reshape(-1)
)
pt_loss.backward()

check("step", "패딩을 뺀 교차 엔트로피 손실", tf_loss, pt_loss, FORWARD)
# 기울기도 가중치와 같은 변환으로 PyTorch 배치로 바꿔 비교합니다
tf_flat = np.concatenate(
    [
        v.ravel()
        for g, (_, _, convert) in zip(tf_grads, WEIGHTS)
        for v in convert(tf.convert_to_tensor(g).numpy())
    ]
)
pt_flat = np.concatenate([p.grad.numpy().ravel() for _, ps, _ in WEIGHTS for p in ps])
check("step", f"모든 가중치의 기울기 ({tf_flat.size}개 값)", tf_flat, pt_flat, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
# Keras Adam의 epsilon은 편향 보정 전에 더해집니다(ε̂). PyTorch에서 같은 식이 되려면
# 단계 t마다 eps = ε / √(1 − β₂ᵗ) 로 바꿔 주어야 합니다.
ADAM_STEPS_TO_CHECK = 10
tf_losses, pt_losses = [], []
for t in range(1, ADAM_STEPS_TO_CHECK + 1):
    tf_losses.append(
        float(tf_side.train_step(tf_side.src, tf_side.decoder_in, tf_side.decoder_out))
    )
    pt_side.optimizer.param_groups[0]["eps"] = 1e-7 / math.sqrt(1 - 0.999**t)
    pt_losses.append(
        pt_side.train_step(pt_side.src, pt_side.decoder_in, pt_side.decoder_out).item()
    )
check(
    "train",
    f"Adam {ADAM_STEPS_TO_CHECK}단계 손실 궤적",
    tf_losses,
    pt_losses,
    ADAM_STEPS,
)
tf_after = np.concatenate(
    [w.ravel() for v, _, convert in WEIGHTS for w in convert(v.numpy())]
)
pt_after = np.concatenate(
    [p.detach().numpy().ravel() for _, ps, _ in WEIGHTS for p in ps]
)
# 기울기가 ε 근처로 아주 작은 원소는 Adam이 반올림 오차를 키우므로
# 가중치는 기울기 허용 오차로 봅니다
check(
    "train", f"Adam {ADAM_STEPS_TO_CHECK}단계 뒤 가중치", tf_after, pt_after, GRADIENT
)
print(
    f"손실: {tf_losses[0]:.4f} → {tf_losses[-1]:.4f} (TensorFlow), "
    f"{pt_losses[0]:.4f} → {pt_losses[-1]:.4f} (PyTorch)"
)
# --8<-- [end:train]

# --8<-- [start:decode]
from data import TGT_LEN

tf_tokens, tf_attention = tf_side.translate(tf_side.src, max_len=TGT_LEN)
pt_tokens, pt_attention = pt_side.translate(pt_side.src, max_len=TGT_LEN)
check("decode", "탐욕적 디코딩이 고른 단어 번호", tf_tokens, pt_tokens, EXACT)
check("decode", "디코딩 중 어텐션 가중치", tf_attention, pt_attention, FORWARD)
# --8<-- [end:decode]

# --8<-- [start:sparse-adam]
# 함정 재현: Embedding의 희소 기울기(IndexedSlices)를 그대로 Keras Adam에 넘기면?
# 같은 단어(1번)가 한 배치에 두 번 나오는 입력으로 Adam 한 단계를 비교합니다.
import keras

tokens = np.array([[1, 1, 2]])
upstream = np.random.default_rng(0).normal(size=(1, 3, 4)).astype(np.float32)
start = np.random.default_rng(1).normal(size=(5, 4)).astype(np.float32)


def keras_adam_step(densify):
    emb = keras.layers.Embedding(
        5, 4, embeddings_initializer=keras.initializers.Constant(start)
    )
    emb.build((None, 3))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(emb(tokens) * upstream)
    (grad,) = tape.gradient(loss, emb.trainable_variables)
    kind = type(grad).__name__
    grad = tf.convert_to_tensor(grad) if densify else grad
    keras.optimizers.Adam(learning_rate=0.01).apply_gradients([(grad, emb.embeddings)])
    return kind, emb.embeddings.numpy()


torch_emb = torch.nn.Embedding(5, 4, _weight=torch.from_numpy(start.copy()))
(torch_emb(torch.from_numpy(tokens)) * torch.from_numpy(upstream)).sum().backward()
torch.optim.Adam(
    torch_emb.parameters(), lr=0.01, eps=1e-7 / math.sqrt(1 - 0.999)
).step()

kind, sparse_result = keras_adam_step(densify=False)
sparse_gap = float(np.abs(sparse_result - torch_emb.weight.detach().numpy()).max())
print(f"Keras 기울기 종류: {kind}")
print(f"희소 기울기 그대로: 최대 |Δ| = {sparse_gap:.1e}  ← 반복된 단어의 행이 어긋남")
assert sparse_gap > 1e-3  # 함정이 실제로 있다는 것도 검사합니다
_, dense_result = keras_adam_step(densify=True)
check(
    "step",
    "Adam 한 단계, 희소 기울기를 밀집으로 바꾼 뒤",
    dense_result,
    torch_emb.weight,
    FORWARD,
)
# --8<-- [end:sparse-adam]
