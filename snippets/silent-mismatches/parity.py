# 조용한 불일치를 숫자로 보여 주고, 고친 코드가 같은 값을 낸다는 것을 확인합니다.
# 항목마다 두 프로그램의 같은 이름 섹션을 페이지에 보이는 그대로 실행한 뒤,
# 1) 똑같아 보이는 코드가 얼마나 다른지 재고 (그 차이가 크다는 것도 assert로 검사합니다)
# 2) 고치는 법을 적용해 두 값이 허용 오차 안에서 같다는 것을 check로 증명합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
import math
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
import torch
from torch import nn

from sidebyside.parity import (
    ADAM_STEPS,
    ADAM_WEIGHTS,
    EXACT,
    FORWARD,
    SGD_STEPS,
    SGD_WEIGHTS,
    check,
    mark_weights_copied,
    to_numpy,
)
from sidebyside.sections import ProgramSections

HERE = Path(__file__).resolve().parent
tf_side = ProgramSections(HERE / "tensorflow_code.py").run("setup")
pt_side = ProgramSections(HERE / "pytorch_code.py").run("setup")


def gap(tf_value, torch_value):
    """두 값의 최대 |차이|. 고치기 전의 불일치를 잴 때 씁니다."""
    difference = to_numpy(tf_value).astype(np.float64) - to_numpy(torch_value)
    return float(np.max(np.abs(difference)))


# --8<-- [end:load]

# --8<-- [start:dense-transpose]
tf_side.run("dense-transpose")
pt_side.run("dense-transpose")
kernel, bias = tf_side.dense.kernel.numpy(), tf_side.dense.bias.numpy()
linear = pt_side.linear
with torch.no_grad():
    # 흔한 실수: (입력, 출력) kernel을 그대로 복사. 모양이 (4, 4)로 같아 오류가 없습니다
    linear.weight.copy_(torch.from_numpy(kernel))
    linear.bias.copy_(torch.from_numpy(bias))
    wrong = linear(pt_side.dense_x)
print(f"전치하지 않고 복사: 최대 |Δ| = {gap(tf_side.dense_out, wrong):.3g}")
assert gap(tf_side.dense_out, wrong) > 0.1

with torch.no_grad():
    linear.weight.copy_(torch.from_numpy(kernel.T))  # 고치는 법: 전치해서 복사
    right = linear(pt_side.dense_x)
mark_weights_copied()
check(
    "dense-transpose", "kernel.T를 옮긴 출력 (3, 4)", tf_side.dense_out, right, FORWARD
)
# --8<-- [end:dense-transpose]

# --8<-- [start:default-init]
tf_side.run("default-init")
pt_side.run("default-init")
ratio = tf_side.kernel.std() / pt_side.weight.std().item()
print(f"표준편차 비율 Keras / PyTorch = {ratio:.3f}")
assert ratio > 1.5

# 고치는 법 1: 같은 분포에서 뽑기 (glorot_uniform = xavier_uniform_, bias는 0)
same_rule = nn.Linear(tf_side.INIT_FEATURES, tf_side.INIT_FEATURES)
nn.init.xavier_uniform_(same_rule.weight)
nn.init.zeros_(same_rule.bias)
print(f"xavier_uniform_ 뒤 weight 표준편차 {same_rule.weight.std():.4f}")
check(
    "default-init", "zeros_로 맞춘 bias", tf_side.init_dense.bias, same_rule.bias, EXACT
)
# 고치는 법 2: 값까지 같게 하려면 가중치를 옮깁니다
with torch.no_grad():
    pt_side.init_linear.weight.copy_(torch.from_numpy(tf_side.kernel.T))
    pt_side.init_linear.bias.copy_(torch.from_numpy(tf_side.init_dense.bias.numpy()))
    copied_out = pt_side.init_linear(pt_side.init_x)
check(
    "default-init",
    "가중치를 옮긴 출력 (256, 64)",
    tf_side.init_out,
    copied_out,
    FORWARD,
)
# --8<-- [end:default-init]

# --8<-- [start:flatten-order]
tf_side.run("flatten-order")
pt_side.run("flatten-order")
conv, dense = tf_side.cnn.layers[0], tf_side.cnn.layers[2]
torch_conv, torch_linear = pt_side.cnn[0], pt_side.cnn[2]
dense_kernel = dense.kernel.numpy()  # (48, 2), 행은 (h, w, c) 순서
with torch.no_grad():
    # Conv2D kernel (kh, kw, 입력, 출력) → Conv2d weight (출력, 입력, kh, kw)
    torch_conv.weight.copy_(torch.from_numpy(conv.kernel.numpy().transpose(3, 2, 0, 1)))
    torch_conv.bias.copy_(torch.from_numpy(conv.bias.numpy()))
    torch_linear.bias.copy_(torch.from_numpy(dense.bias.numpy()))
    # 흔한 실수: Dense kernel을 Dense 하나일 때처럼 .T만 해서 복사
    torch_linear.weight.copy_(torch.from_numpy(dense_kernel.T))
    wrong = pt_side.cnn(pt_side.images)
print(f"kernel.T만 복사: 최대 |Δ| = {gap(tf_side.cnn_out, wrong):.3g}")
assert gap(tf_side.cnn_out, wrong) > 0.1

# 고치는 법 1: kernel의 행을 (h, w, c) 순서에서 (c, h, w) 순서로 바꿉니다
by_position = dense_kernel.reshape(4, 4, 3, 2)  # (h, w, c, 출력)
chw_weight = by_position.transpose(3, 2, 0, 1).reshape(2, 48)  # (출력, c·h·w)
with torch.no_grad():
    torch_linear.weight.copy_(torch.from_numpy(chw_weight))
    right = pt_side.cnn(pt_side.images)
check("flatten-order", "행을 (c, h, w)로 바꾼 kernel", tf_side.cnn_out, right, FORWARD)
# 고치는 법 2: kernel은 .T 그대로 두고, 특징 맵을 NHWC로 돌린 뒤 펼칩니다
with torch.no_grad():
    torch_linear.weight.copy_(torch.from_numpy(dense_kernel.T))
    nhwc = torch_conv(pt_side.images).permute(0, 2, 3, 1)
    right_too = torch_linear(nhwc.flatten(1))
check(
    "flatten-order",
    "permute(0, 2, 3, 1) 뒤 펼친 출력",
    tf_side.cnn_out,
    right_too,
    FORWARD,
)
# --8<-- [end:flatten-order]

# --8<-- [start:same-padding]
tf_side.run("same-padding")
pt_side.run("same-padding")


def copy_conv(keras_conv, torch_conv):
    """Conv2D kernel (kh, kw, 입력, 출력) → Conv2d weight (출력, 입력, kh, kw)."""
    with torch.no_grad():
        kernel = keras_conv.kernel.numpy().transpose(3, 2, 0, 1)
        torch_conv.weight.copy_(torch.from_numpy(kernel))
        torch_conv.bias.copy_(torch.from_numpy(keras_conv.bias.numpy()))


def nhwc(torch_conv, images):
    """PyTorch 합성곱의 출력을 Keras와 같은 NHWC로."""
    with torch.no_grad():
        return torch_conv(images).permute(0, 2, 3, 1)


copy_conv(tf_side.strided, pt_side.strided)
wrong = nhwc(pt_side.strided, pt_side.pad_image)
print(f"16×16에 padding=1: 최대 |Δ| = {gap(tf_side.strided_out, wrong):.3g}")
assert gap(tf_side.strided_out, wrong) > 0.1


def same_pads(size, kernel, stride):
    """TF의 'same': 출력은 ceil(n / s), 모자란 패딩을 앞뒤로 나누고 남는 칸은 뒤에."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


before, after = same_pads(16, 3, 2)
print(f"TF가 16×16에 넣는 패딩: 앞 {before}칸, 뒤 {after}칸")
# 고치는 법: 그 패딩을 직접 넣고(왼, 오른, 위, 아래) padding=0으로 합성곱
fixed = nn.Sequential(
    nn.ZeroPad2d((before, after, before, after)), nn.Conv2d(2, 3, 3, stride=2)
)
copy_conv(tf_side.strided, fixed[1])
right = nhwc(fixed, pt_side.pad_image)
check(
    "same-padding",
    "ZeroPad2d로 TF의 패딩을 넣은 출력",
    tf_side.strided_out,
    right,
    FORWARD,
)
# 홀수 크기(15×15)라면 앞뒤 한 칸씩이어서 padding=1과 같습니다
odd_keras = tf_side.strided(tf_side.PAD_IMAGE[:, :15, :15])
odd_torch = nhwc(pt_side.strided, pt_side.pad_image[:, :, :15, :15])
check("same-padding", "15×15에서는 padding=1도 같음", odd_keras, odd_torch, FORWARD)
# stride 1이면 짝수 커널도 PyTorch의 padding='same'이 남는 칸을 뒤에 둡니다
copy_conv(tf_side.even, pt_side.even)
even_torch = nhwc(pt_side.even, pt_side.pad_image)
check(
    "same-padding", "4×4 커널의 padding='same'", tf_side.even_out, even_torch, FORWARD
)
# --8<-- [end:same-padding]

# --8<-- [start:gru-gates]
tf_side.run("gru-gates")
pt_side.run("gru-gates")


def to_torch_gates(array):
    """마지막 축의 게이트 블록을 Keras [z, r, h]에서 PyTorch [r, z, n] 순서로."""
    z, r, h = np.split(array, 3, axis=-1)
    return np.concatenate([r, z, h], axis=-1)


def run_torch_gru(kernel, recurrent, bias):
    """Keras 모양의 가중치를 전치해 nn.GRU에 넣고 (출력 시퀀스, h_n)을 돌려줍니다."""
    gru = pt_side.gru
    with torch.no_grad():
        gru.weight_ih_l0.copy_(torch.from_numpy(kernel.T.copy()))
        gru.weight_hh_l0.copy_(torch.from_numpy(recurrent.T.copy()))
        gru.bias_ih_l0.copy_(torch.from_numpy(bias[0].copy()))  # 입력 쪽 bias
        gru.bias_hh_l0.copy_(torch.from_numpy(bias[1].copy()))  # 은닉 상태 쪽 bias
        return gru(pt_side.sequences)


kernel, recurrent, bias = (w.numpy() for w in tf_side.gru.weights)
wrong, _ = run_torch_gru(kernel, recurrent, bias)  # 전치만 하고 게이트 순서는 그대로
print(f"게이트 순서를 그대로: 최대 |Δ| = {gap(tf_side.gru_seq, wrong):.3g}")
assert gap(tf_side.gru_seq, wrong) > 0.1

# 고치는 법: z와 r 블록을 맞바꿉니다 (kernel, recurrent_kernel, 두 bias 모두)
seq, h_n = run_torch_gru(*(to_torch_gates(w) for w in (kernel, recurrent, bias)))
check(
    "gru-gates", "z, r을 바꿔 옮긴 출력 시퀀스 (2, 5, 4)", tf_side.gru_seq, seq, FORWARD
)
check("gru-gates", "마지막 은닉 상태 (2, 4)", tf_side.gru_state, h_n[0], FORWARD)

# reset_after=False는 식이 달라서, 게이트를 맞춰 옮겨도 nn.GRU와 같아지지 않습니다
kernel, recurrent, bias = (w.numpy() for w in tf_side.gru_v1.weights)
two_biases = np.stack([bias, np.zeros_like(bias)])  # bias 하나 → 입력 쪽, 은닉 쪽은 0
v1_seq, _ = run_torch_gru(*(to_torch_gates(w) for w in (kernel, recurrent, two_biases)))
print(f"reset_after=False: 최대 |Δ| = {gap(tf_side.gru_v1_seq, v1_seq):.3g}")
assert gap(tf_side.gru_v1_seq, v1_seq) > 1e-3
# --8<-- [end:gru-gates]

# --8<-- [start:attention-mask]
tf_side.run("attention-mask")
pt_side.run("attention-mask")
q, q_bias, k, k_bias, v, v_bias, out, out_bias = (
    w.numpy() for w in tf_side.mha.weights
)
width = q.shape[0]  # 임베딩 4
torch_mha = pt_side.mha
with torch.no_grad():
    # q, k, v의 kernel (E, 헤드, dk) → (헤드·dk, E)로 펴서 위아래로 잇습니다
    in_proj = np.concatenate([w.reshape(width, -1).T for w in (q, k, v)])
    torch_mha.in_proj_weight.copy_(torch.from_numpy(in_proj))
    in_bias = np.concatenate([b.ravel() for b in (q_bias, k_bias, v_bias)])
    torch_mha.in_proj_bias.copy_(torch.from_numpy(in_bias))
    # 출력 kernel (헤드, dk, E) → (E, 헤드·dk)
    torch_mha.out_proj.weight.copy_(torch.from_numpy(out.reshape(-1, width).T))
    torch_mha.out_proj.bias.copy_(torch.from_numpy(out_bias))


def torch_attention(key_padding_mask):
    with torch.no_grad():
        tokens = pt_side.tokens
        return torch_mha(
            tokens,
            tokens,
            tokens,
            key_padding_mask=key_padding_mask,
            average_attn_weights=False,
        )


wrong, _ = torch_attention(pt_side.is_token)  # Keras의 마스크를 그대로
nan_rows = int(wrong.isnan().any(dim=-1).sum())
print(f"마스크를 그대로 넘기면: NaN인 출력 {nan_rows}줄 (패딩이 없는 첫 문장)")
print(f"둘째 문장의 출력: 최대 |Δ| = {gap(tf_side.att_out[1], wrong[1]):.3g}")
assert nan_rows > 0 and gap(tf_side.att_out[1], wrong[1]) > 0.1

# 고치는 법: 뒤집어서 넘깁니다 (PyTorch는 True = 가릴 자리)
right, right_scores = torch_attention(~pt_side.is_token)
check(
    "attention-mask", "~mask로 뒤집은 출력 (2, 4, 4)", tf_side.att_out, right, FORWARD
)
check(
    "attention-mask",
    "헤드별 어텐션 가중치 (2, 2, 4, 4)",
    tf_side.att_scores,
    right_scores,
    FORWARD,
)
# --8<-- [end:attention-mask]

# --8<-- [start:dropout-mode]
tf_side.run("dropout-mode")
pt_side.run("dropout-mode")
keras_dense = [tf_side.drop_model.layers[i] for i in (0, 2)]  # Dense 두 개
torch_linear = [pt_side.drop_model[i] for i in (0, 3)]  # Linear 두 개
with torch.no_grad():
    for layer, linear in zip(keras_dense, torch_linear):
        linear.weight.copy_(torch.from_numpy(layer.kernel.numpy().T))
        linear.bias.copy_(torch.from_numpy(layer.bias.numpy()))
    train_mode = pt_side.drop_model(pt_side.drop_x)  # 아직 학습 모드
print(f"학습 모드 그대로: 최대 |Δ| = {gap(tf_side.first, train_mode):.3g}")
assert gap(tf_side.first, train_mode) > 0.1

pt_side.drop_model.eval()  # 고치는 법: 평가 전에 eval()
with torch.no_grad():
    eval_mode = pt_side.drop_model(pt_side.drop_x)
check("dropout-mode", "eval() 뒤의 출력 (3, 1)", tf_side.first, eval_mode, FORWARD)
# --8<-- [end:dropout-mode]

# --8<-- [start:batchnorm]
tf_side.run("batchnorm")
pt_side.run("batchnorm")
keras_bn = tf_side.bn
print(f"평가 출력: 최대 |Δ| = {gap(tf_side.bn_eval_out, pt_side.bn_eval_out):.3g}")
assert gap(tf_side.bn_eval_out, pt_side.bn_eval_out) > 0.1

# 고치는 법: momentum = 1 − 0.99, eps = Keras의 1e-3
matched = nn.BatchNorm1d(3, momentum=0.01, eps=1e-3)
with torch.no_grad():
    matched_train = [matched(batch) for batch in pt_side.bn_batches]
check(
    "batchnorm",
    "학습 모드 출력 (배치 3개)",
    tf_side.bn_train_out,
    matched_train,
    FORWARD,
    copied=False,
)
moving_mean = keras_bn.moving_mean
check(
    "batchnorm", "이동 평균", moving_mean, matched.running_mean, FORWARD, copied=False
)

# 이동 분산만은 설정으로 맞출 수 없습니다: PyTorch는 n − 1로 나눈 분산을 쌓습니다
moving_var = keras_bn.moving_variance
print(f"이동 분산: 최대 |Δ| = {gap(moving_var, matched.running_var):.3g}")
assert gap(moving_var, matched.running_var) > 1e-3
from data import BN_BATCH, BN_STEPS

kept = 0.99**BN_STEPS  # 처음 값 1이 남은 몫
biased = kept + (matched.running_var - kept) * (BN_BATCH - 1) / BN_BATCH
check(
    "batchnorm",
    "이동 분산, n/(n − 1)을 되돌린 값",
    moving_var,
    biased,
    FORWARD,
    copied=False,
)

# Keras에서 학습한 통계를 옮기면 평가 출력이 같아집니다 (ε이 같을 때만)
gamma, beta = keras_bn.gamma.numpy(), keras_bn.beta.numpy()


def torch_eval(torch_bn):
    """Keras BN의 네 값을 옮기고 평가 모드로 BN_TEST를 정규화합니다."""
    with torch.no_grad():
        torch_bn.weight.copy_(torch.from_numpy(gamma))
        torch_bn.bias.copy_(torch.from_numpy(beta))
        torch_bn.running_mean.copy_(torch.from_numpy(moving_mean.numpy()))
        torch_bn.running_var.copy_(torch.from_numpy(moving_var.numpy()))
        return torch_bn.eval()(pt_side.bn_test)


eps_default = torch_eval(nn.BatchNorm1d(3))  # eps 1e-5 그대로
eps_gap = gap(tf_side.bn_eval_out, eps_default)
print(f"통계를 옮겨도 eps가 1e-5면: 최대 |Δ| = {eps_gap:.3g}")
assert eps_gap > 1e-4
matched_eval = torch_eval(matched)
check("batchnorm", "통계를 옮긴 평가 출력", tf_side.bn_eval_out, matched_eval, FORWARD)
# --8<-- [end:batchnorm]

# --8<-- [start:mse-broadcast]
tf_side.run("mse-broadcast")
pt_side.run("mse-broadcast")
print(
    f"(N, 1)과 (N,)의 MSE: 최대 |Δ| = {gap(tf_side.mse_value, pt_side.mse_value):.3g}"
)
assert gap(tf_side.mse_value, pt_side.mse_value) > 0.1

# 고치는 법: 타깃을 예측과 같은 (N, 1)로 만듭니다
column = pt_side.mse_target.unsqueeze(1)
fixed = pt_side.mse(pt_side.mse_pred, column)
check(
    "mse-broadcast",
    "타깃을 (N, 1)로 맞춘 MSE",
    tf_side.mse_value,
    fixed,
    FORWARD,
    copied=False,
)
# --8<-- [end:mse-broadcast]

# --8<-- [start:ce-probabilities]
tf_side.run("ce-probabilities")
pt_side.run("ce-probabilities")
print(f"확률을 넣은 손실: 최대 |Δ| = {gap(tf_side.ce_value, pt_side.ce_value):.3g}")
assert gap(tf_side.ce_value, pt_side.ce_value) > 1.0

# 고치는 법: PyTorch에는 소프트맥스를 거치기 전의 로짓을 넣습니다
exact = pt_side.ce(pt_side.ce_logits, pt_side.ce_labels)
check(
    "ce-probabilities",
    "로짓을 넣은 CrossEntropyLoss",
    tf_side.ce_value,
    exact,
    FORWARD,
    copied=False,
)
# Keras 밖에서 만든 확률(tf.nn.softmax)은 잘려서 정확한 값과 다릅니다
print(f"tf.nn.softmax의 확률: 최대 |Δ| = {gap(tf_side.clipped_value, exact):.3g}")
assert gap(tf_side.clipped_value, exact) > 1.0
# 어느 쪽이든 가장 확실한 방법: 로짓과 from_logits=True
from_logits = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
keras_exact = from_logits(tf_side.CE_LABELS, tf_side.CE_LOGITS)
check(
    "ce-probabilities",
    "from_logits=True로 로짓을 넣은 손실",
    keras_exact,
    exact,
    FORWARD,
    copied=False,
)
# --8<-- [end:ce-probabilities]

# --8<-- [start:bce-clamp]
tf_side.run("bce-clamp")
pt_side.run("bce-clamp")
torch_values = pt_side.bce_values[:, 0]  # (N, 1) → (N,)
print(f"샘플별 손실: 최대 |Δ| = {gap(tf_side.bce_values, torch_values):.3g}")
assert gap(tf_side.bce_values, torch_values) > 1.0

# 고치는 법: 시그모이드를 손실 안으로 (BCEWithLogitsLoss ↔ from_logits=True)
with_logits = nn.BCEWithLogitsLoss(reduction="none")
exact = with_logits(pt_side.bce_logits, pt_side.bce_target)[:, 0]
check(
    "bce-clamp",
    "BCEWithLogitsLoss의 샘플별 손실",
    tf_side.bce_values,
    exact,
    FORWARD,
    copied=False,
)
keras_bce = keras.losses.BinaryCrossentropy(from_logits=True, reduction=None)
keras_exact = keras_bce(tf_side.BCE_TARGET, tf_side.BCE_LOGITS)
check(
    "bce-clamp", "양쪽 모두 로짓을 넣은 손실", keras_exact, exact, FORWARD, copied=False
)
# --8<-- [end:bce-clamp]

# --8<-- [start:adam-epsilon]
tf_side.run("adam-epsilon")
pt_side.run("adam-epsilon")
from data import EPSILON, OPT_LR, OPT_STEPS

adam_gap = gap(tf_side.adam_losses, pt_side.adam_losses)
print(f"같은 ε={EPSILON}인 Adam의 손실 궤적: 최대 |Δ| = {adam_gap:.3g}")
assert adam_gap > 1e-3


def keras_like_adam(optimizer, keras_epsilon):
    """단계 t마다 eps = Keras ε / √(1 − β₂ᵗ)로 바꾸며 OPT_STEPS번 학습합니다."""
    model = pt_side.start_linear()
    adam = optimizer(model.parameters())
    beta_2 = adam.defaults["betas"][1]  # 0.999, Keras 기본값과 같음
    losses = []
    for t in range(1, OPT_STEPS + 1):
        adam.param_groups[0]["eps"] = keras_epsilon / math.sqrt(1 - beta_2**t)
        losses.append(pt_side.train_step(model, adam))
    return losses, model


# 고치는 법: ε을 단계마다 바꿉니다 (PyTorch는 편향 보정한 √v̂에, Keras는 √v에 더함)
losses, model = keras_like_adam(lambda p: torch.optim.Adam(p, lr=OPT_LR), EPSILON)
label = f"ε을 단계마다 바꾼 Adam, {OPT_STEPS}단계 손실"
check("adam-epsilon", label, tf_side.adam_losses, losses, ADAM_STEPS, copied=False)
kernel = tf_side.adam_layer.kernel
check(
    "adam-epsilon", "학습 뒤 kernel", kernel, model.weight.T, ADAM_WEIGHTS, copied=False
)

# 기본값끼리(Keras 1e-7, PyTorch 1e-8)는 기울기가 클 때 차이가 작습니다
keras_default, _ = tf_side.keras_losses(keras.optimizers.Adam(learning_rate=OPT_LR))
torch_default, _ = pt_side.torch_losses(lambda p: torch.optim.Adam(p, lr=OPT_LR))
print(f"기본 ε끼리: 최대 |Δ| = {gap(keras_default, torch_default):.3g}")

# RMSprop: 기본 감쇠율이 다릅니다 (Keras rho 0.9, PyTorch alpha 0.99)
rms_gap = gap(tf_side.rms_losses, pt_side.rms_losses)
print(f"RMSprop의 손실 궤적: 최대 |Δ| = {rms_gap:.3g}")
assert rms_gap > 0.1
# 고치는 법: alpha=0.9, eps=1e-7. ε은 위치가 달라(√(v + ε)와 √v + ε) 근사입니다
model = pt_side.start_linear()
rms = torch.optim.RMSprop(model.parameters(), lr=OPT_LR, alpha=0.9, eps=1e-7)
losses = [pt_side.train_step(model, rms) for _ in range(OPT_STEPS)]
label = f"alpha=0.9로 맞춘 RMSprop, {OPT_STEPS}단계 손실"
check("adam-epsilon", label, tf_side.rms_losses, losses, ADAM_STEPS, copied=False)
# --8<-- [end:adam-epsilon]

# --8<-- [start:weight-decay]
tf_side.run("weight-decay")
pt_side.run("weight-decay")
from data import WEIGHT_DECAY

wd_gap = gap(tf_side.wd_losses, pt_side.wd_losses)
print(f"Adam(weight_decay)끼리의 손실 궤적: 최대 |Δ| = {wd_gap:.3g}")
assert wd_gap > 1e-3


# 고치는 법: Keras의 weight_decay는 분리형이므로 PyTorch에서는 AdamW
def adamw(params):
    return torch.optim.AdamW(params, lr=OPT_LR, weight_decay=WEIGHT_DECAY)


losses, model = keras_like_adam(adamw, keras_epsilon=1e-7)  # Keras 기본 ε
label = f"AdamW, {OPT_STEPS}단계 손실"
check("weight-decay", label, tf_side.wd_losses, losses, ADAM_STEPS, copied=False)
kernel = tf_side.wd_layer.kernel
check(
    "weight-decay", "학습 뒤 kernel", kernel, model.weight.T, ADAM_WEIGHTS, copied=False
)
# --8<-- [end:weight-decay]

# --8<-- [start:sparse-adam]
tf_side.run("sparse-adam")
pt_side.run("sparse-adam")
row_gap = np.abs(tf_side.emb.embeddings.numpy() - pt_side.emb.weight.detach().numpy())
print("행마다 최대 |Δ|:", row_gap.max(axis=1).round(5), "← 두 번 나온 1번 행만")
assert row_gap[1].max() > 1e-3 and row_gap[[0, 2, 3, 4]].max() < 1e-5

# 원인: 2차 모멘트 v에 (g₁ + g₂)² 대신 g₁² + g₂²가 쌓입니다
velocity = next(v for v in tf_side.emb_adam.variables if v.path.endswith("velocity"))
g1, g2 = tf_side.EMB_UPSTREAM[0, :2]  # 1번 단어가 나온 두 자리의 기울기
print("v[1] = (1 − β₂)(g₁² + g₂²):", np.allclose(velocity[1], 0.001 * (g1**2 + g2**2)))

# 고치는 법: Adam에 넘기기 전에 밀집 텐서로 바꿉니다
fixed_emb = keras.layers.Embedding(
    5, 4, embeddings_initializer=keras.initializers.Constant(tf_side.EMB_START)
)
fixed_adam = keras.optimizers.Adam(learning_rate=0.01)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(fixed_emb(tf_side.EMB_IDS) * tf_side.EMB_UPSTREAM)
(grad,) = tape.gradient(loss, fixed_emb.trainable_variables)
fixed_adam.apply_gradients([(tf.convert_to_tensor(grad), fixed_emb.embeddings)])
check(
    "sparse-adam",
    "밀집 기울기로 한 단계 뒤 임베딩 (5, 4)",
    fixed_emb.embeddings,
    pt_side.emb.weight,
    FORWARD,
    copied=False,
)
# --8<-- [end:sparse-adam]

# --8<-- [start:zero-grad]
tf_side.run("zero-grad")
pt_side.run("zero-grad")
old_gap = gap(tf_side.head_losses, pt_side.old_losses)
print(f"zero_grad(set_to_none=False)의 손실 궤적: 최대 |Δ| = {old_gap:.3g}")
assert old_gap > 0.1

# 고치는 법: 기본값 zero_grad()로 .grad를 None으로 두면 Keras처럼 건너뜁니다
label = "zero_grad()로 번갈아 학습한 손실"
check(
    "zero-grad",
    label,
    tf_side.head_losses,
    pt_side.head_losses,
    SGD_STEPS,
    copied=False,
)
keras_kernels = [head.kernel for head in tf_side.heads]
torch_kernels = [head.weight.T for head in pt_side.heads]
check(
    "zero-grad",
    "두 출력층의 마지막 kernel",
    keras_kernels,
    torch_kernels,
    SGD_WEIGHTS,
    copied=False,
)
# --8<-- [end:zero-grad]
