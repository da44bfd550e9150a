# 두 구현이 같은 모델인지 확인합니다(동등성 검증): 두 프로그램의 섹션을 그대로 실행하되,
# 학습 전에 Keras의 초깃값을 PyTorch 모델로 옮겨 같은 출발점에서 학습시킵니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
from pathlib import Path

import tensorflow as tf
import torch

from sidebyside.parity import (
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
tf_side = ProgramSections(HERE / "tensorflow_code.py").run("model")
pt_side = ProgramSections(HERE / "pytorch_code.py").run("model")
# --8<-- [end:load]

# --8<-- [start:mapping]
dense = tf_side.model.layers[0]
with torch.no_grad():  # Dense의 kernel (입력, 출력) → Linear의 weight (출력, 입력)
    pt_side.model.weight.copy_(torch.from_numpy(dense.kernel.numpy().T))
    pt_side.model.bias.copy_(torch.from_numpy(dense.bias.numpy()))
mark_weights_copied()
print("kernel.T → weight, bias → bias")
# --8<-- [end:mapping]

# --8<-- [start:model]
tf_pred = tf_side.model(tf_side.X)
pt_pred = pt_side.model(torch.from_numpy(tf_side.X))
check("model", "처음 예측 (64, 1)", tf_pred, pt_pred, FORWARD)
# --8<-- [end:model]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
with tf.GradientTape() as tape:
    tf_loss = tf_side.loss_fn(tf_side.Y, tf_side.model(tf_side.X))
tf_grads = tape.gradient(tf_loss, [dense.kernel, dense.bias])
pt_loss = pt_side.loss_fn(pt_side.model(pt_side.x), pt_side.y)
pt_side.optimizer.zero_grad()
pt_loss.backward()
gradients = {
    "kernel.T ↔ weight": (tf_grads[0].numpy().T, pt_side.model.weight.grad),
    "bias ↔ bias": (tf_grads[1], pt_side.model.bias.grad),
}
check_tensors("step", "기울기 (텐서마다)", gradients, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
from data import STEPS

tf_side.run("train")  # 페이지의 학습 코드를 그대로 실행합니다
pt_side.run("train")
label = f"SGD {STEPS}단계 손실 궤적"
check("train", label, tf_side.losses, pt_side.losses, SGD_STEPS)
tf_weight = dense.kernel.numpy().T
check("train", "학습 뒤 가중치", tf_weight, pt_side.model.weight, SGD_WEIGHTS)
check("train", "학습 뒤 bias", dense.bias, pt_side.model.bias, SGD_WEIGHTS)
# --8<-- [end:train]
