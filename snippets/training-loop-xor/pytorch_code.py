# XOR와 학습 루프 해부 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:model]
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from data import EPOCHS, HIDDEN, LEARNING_RATE, X, Y

torch.manual_seed(0)
x, y = torch.from_numpy(X), torch.from_numpy(Y)  # (4, 2), (4, 1) float32
# fit 절에서 쓸 DataLoader: 점 4개가 배치 하나, 섞지 않습니다
train_loader = DataLoader(TensorDataset(x, y), batch_size=4, shuffle=False)
print("x:", tuple(x.shape), x.dtype, "/ y:", y[:, 0].tolist())


def build_model(activation=nn.ReLU):
    # 마지막 출력은 로짓: 시그모이드는 손실 함수가 붙입니다
    return nn.Sequential(nn.Linear(2, HIDDEN), activation(), nn.Linear(HIDDEN, 1))


def clone(activation=nn.ReLU):
    """model과 같은 초깃값에서 출발하는 새 모델 (학습 방법마다 하나씩)."""
    net = build_model(activation)
    net.load_state_dict(model.state_dict())
    return net


model = build_model()  # 모든 학습의 출발점. 이 모델 자체는 학습하지 않습니다
print("파라미터 수:", sum(p.numel() for p in model.parameters()))
print("가중치 모양:", [tuple(p.shape) for p in model.parameters()])
# --8<-- [end:model]

# --8<-- [start:step]
loss_fn = nn.BCEWithLogitsLoss()


def train_step(net, optimizer, x, y):
    optimizer.zero_grad()  # 지난 단계의 .grad를 비웁니다
    loss = loss_fn(net(x), y)
    loss.backward()  # 기울기를 각 파라미터의 .grad에
    optimizer.step()  # .grad로 갱신
    return loss.item()  # 갱신 전의 손실


def sgd(net):
    return torch.optim.SGD(net.parameters(), lr=LEARNING_RATE)


# --8<-- [end:step]


# --8<-- [start:fit]
def fit(net, optimizer, loader, epochs):
    """Keras의 fit이 해 주는 일: 에포크·배치 반복, 손실 평균, 기록."""
    history, steps = {"loss": []}, 0
    net.train()  # 학습 모드 (Dropout·BatchNorm이 있으면 중요합니다)
    for _ in range(epochs):
        total, count = 0.0, 0
        for xb, yb in loader:
            total += train_step(net, optimizer, xb, yb) * len(xb)  # 배치 크기로 가중
            count += len(xb)
            steps += 1
        history["loss"].append(total / count)
    return history, steps


fit_net = clone()
history, steps = fit(fit_net, sgd(fit_net), train_loader, EPOCHS)
fit_losses = history["loss"]
print("history 키:", list(history))
print("갱신 횟수:", steps)
print(f"손실: {fit_losses[0]:.4f} → {fit_losses[-1]:.4f}")
# --8<-- [end:fit]

# --8<-- [start:eager]
eager_net = clone()
optimizer = sgd(eager_net)
eager_losses = []
for _ in range(EPOCHS):
    loss = train_step(eager_net, optimizer, x, y)
    eager_losses.append(loss)
print("train_step의 파이썬 코드 실행:", len(eager_losses), "번")
print(f"손실: {eager_losses[0]:.4f} → {eager_losses[-1]:.4f}")
# --8<-- [end:eager]

# --8<-- [start:graph]
compiles = 0


def count_compiles(graph_module, example_inputs):
    """torch.compile의 백엔드: 그래프를 하나 잡을 때마다 불립니다."""
    global compiles
    compiles += 1
    return graph_module.forward  # 잡은 그래프를 그대로 실행합니다 (코드 생성 없음)


graph_net = clone()
compiled = torch.compile(graph_net, backend=count_compiles)  # 파라미터는 공유
optimizer = sgd(graph_net)
graph_losses = []
for _ in range(EPOCHS):
    loss = train_step(compiled, optimizer, x, y)
    graph_losses.append(loss)
print("그래프를 잡은 횟수:", compiles)
print(f"손실: {graph_losses[0]:.4f} → {graph_losses[-1]:.4f}")
# --8<-- [end:graph]

# --8<-- [start:retrace]
from data import THRESHOLDS


def classify(net, x, threshold):
    return torch.sigmoid(net(x)) > threshold


compiled_classify = torch.compile(classify, backend=count_compiles)
compiles = 0
for threshold in THRESHOLDS:  # 파이썬 float: 두 번째 값에서 한 번 더 잡습니다
    compiled_classify(graph_net, x, threshold)
print("파이썬 float 3개:", compiles, "번 컴파일")
predictions = [compiled_classify(graph_net, x, torch.tensor(t)) for t in THRESHOLDS]
print("이어서 텐서 3개:", compiles, "번 컴파일")
print("문턱값마다 예측:", [p[:, 0].int().tolist() for p in predictions])
# --8<-- [end:retrace]

# --8<-- [start:vanishing]
import math

import matplotlib.pyplot as plt

from data import ADAM_LEARNING_RATE, BETA_1, BETA_2, KERAS_EPSILON, plot_losses


def first_layer_gradient(net):
    """초깃값에서 첫 층 weight 기울기의 크기 (L2 노름)."""
    loss_fn(net(x), y).backward()
    return net[0].weight.grad.norm().item()


def train(net, optimizer):
    losses = []
    for t in range(1, EPOCHS + 1):
        if isinstance(optimizer, torch.optim.Adam):
            # Keras Adam과 같은 갱신이 되도록 ε을 단계마다 바꿉니다 (심화 상자)
            for group in optimizer.param_groups:
                group["eps"] = KERAS_EPSILON / math.sqrt(1 - BETA_2**t)
        losses.append(train_step(net, optimizer, x, y))
    return losses


def adam(net):
    betas = (BETA_1, BETA_2)
    return torch.optim.Adam(net.parameters(), lr=ADAM_LEARNING_RATE, betas=betas)


relu_norm = first_layer_gradient(clone())
sigmoid_norm = first_layer_gradient(clone(nn.Sigmoid))
print(f"첫 층 기울기 크기: ReLU {relu_norm:.4f} / 시그모이드 {sigmoid_norm:.4f}")

nets = {"ReLU + SGD": graph_net, "시그모이드 + SGD": clone(nn.Sigmoid)}
nets["시그모이드 + Adam"] = clone(nn.Sigmoid)
curves = {"ReLU + SGD": graph_losses}  # graph 절의 학습
curves["시그모이드 + SGD"] = train(
    nets["시그모이드 + SGD"], sgd(nets["시그모이드 + SGD"])
)
curves["시그모이드 + Adam"] = train(
    nets["시그모이드 + Adam"], adam(nets["시그모이드 + Adam"])
)
for name, losses in curves.items():
    print(f"{name}: 손실 {losses[0]:.4f} → {losses[-1]:.4f}")

plot_losses(curves, "PyTorch: 같은 초깃값, 활성화 함수와 옵티마이저만 다름")
plt.show()
# --8<-- [end:vanishing]

# --8<-- [start:boundary]
from data import GRID, plot_boundaries

shown = ("ReLU + SGD", "시그모이드 + SGD")
with torch.no_grad():
    grid = torch.from_numpy(GRID)
    panels = {name: torch.sigmoid(nets[name](grid))[:, 0].numpy() for name in shown}
    probs = {name: torch.sigmoid(net(x))[:, 0].numpy() for name, net in nets.items()}
for name, p in probs.items():
    print(f"{name}: 네 점의 확률", " ".join(f"{v:.3f}" for v in p))

plot_boundaries(panels, "PyTorch")
plt.show()
# --8<-- [end:boundary]

# --8<-- [start:exercise-minibatch]
# 연습 문제 1: 배치 크기 2로 한 에포크를 fit하면 history의 손실은 무엇일까요?
pairs_loader = DataLoader(TensorDataset(x, y), batch_size=2, shuffle=False)
net = clone()
epoch_loss = fit(net, sgd(net), pairs_loader, epochs=1)[0]["loss"][0]
# 같은 일을 직접: 배치마다 한 단계씩 갱신하고 손실을 모읍니다
by_hand = clone()
optimizer = sgd(by_hand)
batch_losses = [train_step(by_hand, optimizer, xb, yb) for xb, yb in pairs_loader]
print("배치마다의 손실:", np.round(batch_losses, 4).tolist())
print(f"history: {epoch_loss:.4f} / 배치 손실의 평균: {np.mean(batch_losses):.4f}")
# --8<-- [end:exercise-minibatch]


# --8<-- [start:exercise-signature]
# 연습 문제 2: 파이썬 float을 넘겨도 한 번만 컴파일하게 하려면?
def classify_dynamic(x, threshold):
    return torch.sigmoid(graph_net(x)) > threshold


dynamic_classify = torch.compile(classify_dynamic, backend=count_compiles, dynamic=True)
compiles = 0
for threshold in THRESHOLDS:  # dynamic=True: 처음부터 값을 입력으로 다룹니다
    dynamic_classify(x, threshold)
print("dynamic=True:", compiles, "번 컴파일")
# --8<-- [end:exercise-signature]
