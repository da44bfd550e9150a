# 두 구현이 정말 같은 학습을 하는지 숫자로 확인합니다(동등성 검증).
# 두 프로그램을 섹션 단위로 불러와 model 섹션만 실행하고, Keras가 정한 초깃값을
# PyTorch 모델에 옮깁니다. 그다음 페이지의 학습 섹션을 그대로 실행합니다. 학습 방법마다
# 두 프로그램 모두 clone()으로 model의 초깃값을 복사해 출발하므로, 여섯 가지 학습
# (TensorFlow 세 가지, PyTorch 세 가지)이 모두 같은 출발점에서 시작합니다.
# 실행: python parity.py   (sidebyside 패키지가 필요합니다: pip install -e .)

# --8<-- [start:load]
from pathlib import Path

import matplotlib.pyplot as plt
import tensorflow as tf
import torch

from sidebyside.parity import (
    ADAM_STEPS,
    ADAM_WEIGHTS,
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
tf_side = ProgramSections(HERE / "tensorflow_code.py").run("model")
pt_side = ProgramSections(HERE / "pytorch_code.py").run("model")
# --8<-- [end:load]

# --8<-- [start:mapping]
# Dense ↔ nn.Linear: kernel은 (입력, 출력), weight는 (출력, 입력)이라 전치합니다
# (이름, Keras 층 번호, nn.Sequential 번호): nn.Sequential의 [1]은 활성화 함수입니다
LAYERS = (("은닉층", 0, 0), ("출력층", 1, 2))


def layer_pairs(tf_net, pt_net):
    """두 모델의 가중치를 위 규칙으로 짝지은 {이름: (TF 값, PyTorch 값)}."""
    pairs = {}
    for name, keras_index, torch_index in LAYERS:
        dense, linear = tf_net.layers[keras_index], pt_net[torch_index]
        pairs[f"{name} kernel.T ↔ weight"] = (dense.kernel.numpy().T, linear.weight)
        pairs[f"{name} bias ↔ bias"] = (dense.bias.numpy(), linear.bias)
    return pairs


with torch.no_grad():
    for tf_value, pt_param in layer_pairs(tf_side.model, pt_side.model).values():
        pt_param.copy_(torch.from_numpy(tf_value))
mark_weights_copied()
for name, (tf_value, _) in layer_pairs(tf_side.model, pt_side.model).items():
    print(f"{name}: {tuple(tf_value.shape)}")
# --8<-- [end:mapping]

# --8<-- [start:model]
# 두 프로그램이 각자 만든 데이터 텐서입니다. dtype까지 비교합니다
check("model", "입력 x (4, 2)", tf_side.x, pt_side.x, EXACT, dtype=True)
check("model", "정답 y (4, 1)", tf_side.y, pt_side.y, EXACT, dtype=True)
tf_logits = tf_side.model(tf_side.x)
with torch.no_grad():
    pt_logits = pt_side.model(pt_side.x)
check("model", "처음 로짓 (4, 1)", tf_logits, pt_logits, FORWARD)
n_params = sum(p.numel() for p in pt_side.model.parameters())
check("model", "파라미터 수", tf_side.model.count_params(), n_params, EXACT)
# --8<-- [end:model]

# --8<-- [start:step]
tf_side.run("step")
pt_side.run("step")
# 두 프로그램의 loss_fn으로 초깃값에서의 손실과 기울기를 구합니다
with tf.GradientTape() as tape:
    tf_loss = tf_side.loss_fn(tf_side.y, tf_side.model(tf_side.x))
tf_grads = tape.gradient(tf_loss, tf_side.model.trainable_variables)
pt_loss = pt_side.loss_fn(pt_side.model(pt_side.x), pt_side.y)
pt_loss.backward()
check("step", "초깃값에서의 손실", tf_loss, pt_loss, FORWARD)
# trainable_variables 순서: 은닉층 kernel, bias, 출력층 kernel, bias
grad_pairs = {
    name: (tf_grad.numpy().T if "kernel" in name else tf_grad, pt_param.grad)
    for (name, (_, pt_param)), tf_grad in zip(
        layer_pairs(tf_side.model, pt_side.model).items(), tf_grads
    )
}
check_tensors("step", "초깃값에서의 기울기 (텐서마다)", grad_pairs, GRADIENT)
# --8<-- [end:step]

# --8<-- [start:train]
from data import EPOCHS, plot_losses

# 페이지의 세 학습 섹션을 그대로 실행합니다
tf_side.run("fit", "eager", "graph")
pt_side.run("fit", "eager", "graph")
label = f"{EPOCHS} 에포크의 손실"
check(
    "fit",
    f"{label}: Keras fit ↔ fit 함수",
    tf_side.fit_losses,
    pt_side.fit_losses,
    SGD_STEPS,
)
steps = int(tf_side.fit_net.optimizer.iterations), pt_side.steps
check("fit", "갱신 횟수", *steps, EXACT)
fit_weights = layer_pairs(tf_side.fit_net, pt_side.fit_net)
check_tensors("fit", "학습 뒤 가중치 (텐서마다)", fit_weights, SGD_WEIGHTS)

eager = tf_side.eager_losses, pt_side.eager_losses
check("eager", f"{label}: GradientTape 루프 ↔ 루프", *eager, SGD_STEPS)
# 여섯 궤적을 서로 잇습니다: Keras fit도 PyTorch의 맨 루프와 같아야 합니다
check("eager", f"{label}: Keras fit ↔ 루프", tf_side.fit_losses, eager[1], SGD_STEPS)
eager_weights = layer_pairs(tf_side.eager_net, pt_side.eager_net)
check_tensors("eager", "학습 뒤 가중치 (텐서마다)", eager_weights, SGD_WEIGHTS)

graph = tf_side.graph_losses, pt_side.graph_losses
check("graph", f"{label}: tf.function ↔ torch.compile", *graph, SGD_STEPS)
check("graph", f"{label}: tf.function ↔ 루프", graph[0], eager[1], SGD_STEPS)
graph_weights = layer_pairs(tf_side.graph_net, pt_side.graph_net)
check_tensors("graph", "학습 뒤 가중치 (텐서마다)", graph_weights, SGD_WEIGHTS)

curves = {
    "TF fit": tf_side.fit_losses,
    "TF GradientTape": tf_side.eager_losses,
    "TF tf.function": tf_side.graph_losses,
    "PyTorch fit 함수": pt_side.fit_losses,
    "PyTorch 루프": pt_side.eager_losses,
    "PyTorch torch.compile": pt_side.graph_losses,
}
plot_losses(
    curves, "같은 초깃값에서 출발한 여섯 학습", overlap=True
)  # data.py의 도우미
plt.show()
# --8<-- [end:train]

# --8<-- [start:retrace]
tf_side.run("retrace")
pt_side.run("retrace")
# 추적·컴파일 횟수는 규칙이 달라 서로 다릅니다. 예측 결과는 같아야 합니다
tf_predictions = [p.numpy() for p in tf_side.predictions]
pt_predictions = [p.numpy() for p in pt_side.predictions]
check("retrace", "문턱값 세 개의 예측", tf_predictions, pt_predictions, EXACT)
# --8<-- [end:retrace]

# --8<-- [start:vanishing]
tf_side.run("vanishing")
pt_side.run("vanishing")
norms = (
    [tf_side.relu_norm, tf_side.sigmoid_norm],
    [pt_side.relu_norm, pt_side.sigmoid_norm],
)
check("vanishing", "초깃값에서 첫 층 기울기 크기", *norms, GRADIENT)
for name, steps_tol, weights_tol in (
    ("시그모이드 + SGD", SGD_STEPS, SGD_WEIGHTS),
    ("시그모이드 + Adam", ADAM_STEPS, ADAM_WEIGHTS),
):
    curves = tf_side.curves[name], pt_side.curves[name]
    check("vanishing", f"{name}: {EPOCHS} 에포크의 손실", *curves, steps_tol)
    pairs = layer_pairs(tf_side.nets[name], pt_side.nets[name])
    check_tensors("vanishing", f"{name}: 학습 뒤 가중치", pairs, weights_tol)
# --8<-- [end:vanishing]

# --8<-- [start:boundary]
tf_side.run("boundary")
pt_side.run("boundary")
for name in tf_side.probs:
    check(
        "boundary",
        f"{name}: 네 점의 확률",
        tf_side.probs[name],
        pt_side.probs[name],
        FORWARD,
    )
for name in tf_side.panels:
    tf_panel, pt_panel = tf_side.panels[name], pt_side.panels[name]
    check("boundary", f"{name}: 격자 81×81의 확률", tf_panel, pt_panel, FORWARD)
# --8<-- [end:boundary]
