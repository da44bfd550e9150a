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
from matplotlib.ticker import FuncFormatter

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
# Keras 모델의 세 층: Embedding, Bidirectional, TimeDistributed(Dense)
embedding, birnn, head = tf_side.model.layers
tagger = pt_side.tagger
rnn = tagger.rnn


def as_torch(variable, transpose=False):
    value = torch.from_numpy(variable.numpy())
    return value.T if transpose else value


def copy_rnn(cell, suffix):
    """Keras SimpleRNN 셀 하나 → nn.RNN의 한 방향 (suffix: "l0" 또는 "l0_reverse")."""
    # kernel (E, H) → weight_ih (H, E), recurrent_kernel (H, H) → weight_hh 전치
    getattr(rnn, f"weight_ih_{suffix}").copy_(as_torch(cell.kernel, transpose=True))
    getattr(rnn, f"weight_hh_{suffix}").copy_(
        as_torch(cell.recurrent_kernel, transpose=True)
    )
    getattr(rnn, f"bias_ih_{suffix}").copy_(as_torch(cell.bias))  # 하나뿐인 편향
    getattr(rnn, f"bias_hh_{suffix}").zero_()  # 둘째 편향은 0 (학습하지 않음)


with torch.no_grad():
    tagger.embedding.weight.copy_(as_torch(embedding.embeddings))  # (V, E) 그대로
    copy_rnn(birnn.forward_layer.cell, "l0")  # 정방향 → _l0
    copy_rnn(birnn.backward_layer.cell, "l0_reverse")  # 역방향 → _l0_reverse
    dense = head.layer  # TimeDistributed 안의 Dense
    tagger.fc.weight.copy_(as_torch(dense.kernel, transpose=True))  # (2H, C) → (C, 2H)
    tagger.fc.bias.copy_(as_torch(dense.bias))
mark_weights_copied()
print("Embedding (V, E) → 그대로 → embedding.weight")
for name, suffix in (("forward_layer", "l0"), ("backward_layer", "l0_reverse")):
    print(f"{name} → _{suffix}: kernel.T → weight_ih, recurrent_kernel.T → weight_hh")
    print(f"{' ' * len(name)}   bias → bias_ih, 0 → bias_hh")
print("TimeDistributed(Dense): kernel.T → fc.weight, bias → fc.bias")


def weight_pairs():
    """(이름, Keras 변수, PyTorch 파라미터, 전치 여부): 기울기와 학습 뒤에 비교."""
    table = [("embedding", embedding.embeddings, tagger.embedding.weight, False)]
    for name, layer, suffix in (
        ("정방향", birnn.forward_layer, "l0"),
        ("역방향", birnn.backward_layer, "l0_reverse"),
    ):
        cell = layer.cell
        table += [
            (
                f"{name} kernel",
                cell.kernel,
                rnn.get_parameter(f"weight_ih_{suffix}"),
                True,
            ),
            (
                f"{name} recurrent_kernel",
                cell.recurrent_kernel,
                rnn.get_parameter(f"weight_hh_{suffix}"),
                True,
            ),
            (f"{name} bias", cell.bias, rnn.get_parameter(f"bias_ih_{suffix}"), False),
        ]
    table += [
        ("Dense kernel", head.layer.kernel, tagger.fc.weight, True),
        ("Dense bias", head.layer.bias, tagger.fc.bias, False),
    ]
    return table


def keras_layout(value, transpose):
    value = np.asarray(value)
    return value.T if transpose else value


# --8<-- [end:mapping]

# --8<-- [start:data]
# 두 프로그램이 각자 만든 텐서입니다(메모리를 나누지 않습니다). dtype도 비교합니다.
check("data", "단어 번호 (8, 6)", tf_side.words, pt_side.words, EXACT, dtype=True)
check("data", "태그 번호 (8, 6)", tf_side.tags, pt_side.tags, EXACT, dtype=True)
check("data", "문장 길이", tf_side.lengths, pt_side.lengths, EXACT, dtype=True)
# --8<-- [end:data]

# --8<-- [start:model]
with torch.no_grad():
    pt_out, _ = tagger.encode(pt_side.words)
    pt_logits = tagger(pt_side.words)
tf_out = tf_side.birnn(tf_side.embedded)
check("model", "양방향 출력 (B, L, 2H): 마스크 ↔ packing", tf_out, pt_out, FORWARD)
check("model", "처음 로짓 (B, L, C)", tf_side.model(tf_side.words), pt_logits, FORWARD)
trainable = sum(p.numel() for p in tagger.parameters() if p.requires_grad)
check("model", "학습하는 파라미터 수", tf_side.model.count_params(), trainable, EXACT)
# --8<-- [end:model]

# --8<-- [start:merge]
tf_side.run("merge")
pt_side.run("merge")
check(
    "merge", 'merge_mode="sum" ↔ 두 절반의 합', tf_side.summed, pt_side.summed, FORWARD
)
for mode in ("ave", "mul"):
    tf_merged = tf_side.twin(mode)(tf_side.embedded, mask=tf_side.mask)
    check("merge", f'merge_mode="{mode}"', tf_merged, pt_side.merged[mode], FORWARD)
tf_pair = tf_side.twin(None)(tf_side.embedded, mask=tf_side.mask)
for index, name in enumerate(("정방향", "역방향")):
    pt_part = pt_side.merged[None][index]
    check("merge", f"merge_mode=None의 {name} ↔ view", tf_pair[index], pt_part, FORWARD)
# --8<-- [end:merge]

# --8<-- [start:states]
tf_side.run("states")
pt_side.run("states")
tf_h, pt_h = tf_side.h_forward, pt_side.h_forward
check("states", "정방향 마지막 상태 ↔ h_n[-2]", tf_h, pt_h, FORWARD)
tf_h, pt_h = tf_side.h_backward, pt_side.h_backward
check("states", "역방향 마지막 상태 ↔ h_n[-1]", tf_h, pt_h, FORWARD)
tf_v, pt_v = tf_side.sentence_vector, pt_side.sentence_vector
check("states", "문장 벡터 (B, 2H)", tf_v, pt_v, FORWARD)
# --8<-- [end:states]

# --8<-- [start:loss]
tf_side.run("loss")
pt_side.run("loss")
check("loss", "마스크 손실 ↔ ignore_index", tf_side.masked, pt_side.masked, FORWARD)
check("loss", "패딩까지 센 손실", tf_side.every, pt_side.every, FORWARD)
check(
    "loss", "ignore_class ↔ (N·L, C)로 편 손실", tf_side.ignored, pt_side.flat, FORWARD
)
# --8<-- [end:loss]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
# 학습 직전, 두 프로그램의 손실로 구한 기울기를 텐서마다 비교합니다
table = weight_pairs()
with tf.GradientTape() as tape:
    tf_logits = tf_side.model(tf_side.words, training=True)
    tf_loss = tf_side.loss_fn(tf_side.tags, tf_logits)
tf_grads = tape.gradient(tf_loss, [keras for _, keras, _, _ in table])
tagger.zero_grad()
pt_logits = tagger(pt_side.words)
pt_loss = pt_side.loss_fn(pt_logits.transpose(1, 2), pt_side.tags)
pt_loss.backward()
check("step", "학습 직전 손실", tf_loss, pt_loss, FORWARD)
gradients = {
    name: (keras_layout(tf.convert_to_tensor(grad), transpose), torch_param.grad)
    for (name, _, torch_param, transpose), grad in zip(table, tf_grads)
}
check_tensors("step", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
# 페이지의 train 섹션을 그대로 실행합니다: 양쪽 모두 data.py의 배치 순서로 Adam 120번
from data import EPOCHS

tf_side.run("train")
pt_side.run("train")
tf_losses, pt_losses = tf_side.losses, pt_side.losses
check(
    "train", f"{EPOCHS} 에포크, 갱신마다의 손실 궤적", tf_losses, pt_losses, ADAM_STEPS
)
weights = {
    name: (keras_layout(keras, transpose), torch_param)
    for name, keras, torch_param, transpose in weight_pairs()
}
check_tensors("train", "학습을 마친 가중치 (텐서마다)", weights, ADAM_WEIGHTS)
with torch.no_grad():
    pt_trained = tagger(pt_side.words)
tf_trained = tf_side.model(tf_side.words)
check("train", "학습한 모델의 로짓 (B, L, C)", tf_trained, pt_trained, FORWARD)

steps = np.arange(1, len(tf_losses) + 1)
fig, ax = plt.subplots(figsize=(5.6, 3.4))
ax.plot(steps, tf_losses, color="tab:orange", lw=5, alpha=0.5, label="Keras")
ax.plot(steps, pt_losses, color="tab:blue", linestyle="--", label="PyTorch")
ax.set_yscale("log")
ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
ax.set_xlabel("갱신 횟수")
ax.set_ylabel("손실 (실제 단어만 평균)")
ax.set_title("같은 초깃값에서 출발한 두 손실 곡선")
ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:train]

# --8<-- [start:predict]
tf_side.run("predict")
pt_side.run("predict")
check("predict", "학습 문장의 예측 태그", tf_side.train_pred, pt_side.train_pred, EXACT)
check("predict", "평가 문장의 예측 태그", tf_side.test_pred, pt_side.test_pred, EXACT)
check("predict", "평가 문장의 태그 확률", tf_side.test_prob, pt_side.test_prob, FORWARD)
# --8<-- [end:predict]
