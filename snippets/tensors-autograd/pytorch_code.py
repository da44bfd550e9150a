# 텐서와 자동 미분 — PyTorch 2
# 실행: python pytorch_code.py   (섹션 이름은 tensorflow_code.py와 같습니다)

# --8<-- [start:tensors]
import numpy as np
import torch

from data import describe  # 예외를 짧게 찍는 도우미

array64 = np.array([1.0, 2.0, 3.0])  # NumPy 기본 float64
made = {
    "[1, 2, 3]": torch.tensor([1, 2, 3]),
    "[1.0, 2.0, 3.0]": torch.tensor([1.0, 2.0, 3.0]),
    "np.array([1.0, ...])": torch.tensor(array64),
    "np.arange(1, 4)": torch.tensor(np.arange(1, 4)),
    "range(3)": torch.arange(3),
    "zeros((2, 3))": torch.zeros((2, 3)),
}


def dtype_name(tensor):
    """torch.int64 → 'int64'"""
    return str(tensor.dtype).removeprefix("torch.")


for source, tensor in made.items():
    shape = str(tuple(tensor.shape))
    print(f"{dtype_name(tensor):8s} {shape:7s} ← {source}")

ints = made["[1, 2, 3]"]
print("정수 / 2 →", dtype_name(ints / 2))
print("cast     →", dtype_name(ints.to(torch.float32)))
# 정수와 실수를 섞으면 알아서 실수로 올립니다
print("정수 + 0.5 →", dtype_name(ints + 0.5))
# --8<-- [end:tensors]

# --8<-- [start:ops]
x = torch.tensor([-2.5, -0.5, 0.5, 1.5, 4.0])
results = {
    "x": x,
    "torch.neg": torch.neg(x),  # -x, torch.negative
    "torch.abs": torch.abs(x),
    "torch.sign": torch.sign(x),
    "torch.round": torch.round(x),  # 짝수 쪽으로
    "torch.ceil": torch.ceil(x),
    "torch.floor": torch.floor(x),
    "torch.square": torch.square(x),
    "torch.sqrt": torch.sqrt(torch.abs(x)),
    "torch.log": torch.log(torch.abs(x)),
    # 두 인자 모두 텐서여야 합니다
    "torch.maximum": torch.maximum(x, torch.tensor(0.0)),
    "torch.cumsum": torch.cumsum(x, dim=0),  # dim 필수
}
for name, value in results.items():
    row = " ".join(f"{v:6.3f}" for v in value.numpy())
    print(f"{name:16s} {row}")
# --8<-- [end:ops]

# --8<-- [start:broadcast]
column = torch.tensor([[0.0], [10.0], [20.0]])  # (3, 1)
row = torch.tensor([1.0, 2.0, 3.0, 4.0])  # (4,) → (1, 4)
table = column + row
print("(3, 1) + (4,) →", tuple(table.shape))
print(table.numpy())

# 모델 출력은 흔히 (N, 1), 정답은 (N,)
pred = torch.tensor([[1.0], [2.0], [3.0]])
target = torch.tensor([1.0, 2.0, 4.0])
print("pred - target →", tuple((pred - target).shape))
wrong = torch.mean(torch.square(pred - target))
right = torch.mean(torch.square(pred[:, 0] - target))
print(f"MSE: 잘못 {wrong:.4f} / 바르게 {right:.4f}")
try:
    row + torch.tensor([1.0, 2.0, 3.0])  # (4,) + (3,)
except RuntimeError as error:
    print(describe(error))
# --8<-- [end:broadcast]

# --8<-- [start:numpy]
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)  # 메모리를 같이 씀
copied = torch.tensor(array)  # 복사
array[0] = 100.0
print("from_numpy:", shared.tolist())
print("tensor    :", copied.tolist())

shared.mul_(2)  # 텐서를 제자리에서 바꾸면 배열도
print("array     :", array.tolist())

# 기울기를 추적하는 텐서는 바로 꺼낼 수 없습니다
variable = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    variable.numpy()
except RuntimeError as error:
    print(describe(error))
print("detach    :", variable.detach().numpy().tolist())
# --8<-- [end:numpy]

# --8<-- [start:gradient]
# 이 텐서들에서 시작하는 연산을 실행하는 즉시 기록합니다
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
c = torch.tensor([2.0, -1.0, 0.5], requires_grad=True)
y = torch.sum(c * x**2)  # y = Σ c·x²
y.backward()  # 기울기를 각 텐서의 .grad에 저장
print("dy/dx =", x.grad.tolist())  # 2·c·x
print("dy/dc =", c.grad.tolist())  # x²

y = x**2  # 스칼라가 아닌 출력
try:
    y.backward()
except RuntimeError as error:
    print(describe(error))
# 합은 직접 잡고, 기울기는 값으로 돌려받습니다
(dsum_dx,) = torch.autograd.grad(y.sum(), x)
print("d(Σx²)/dx =", dsum_dx.tolist())
# --8<-- [end:gradient]

# --8<-- [start:persistent]
w = torch.tensor(3.0, requires_grad=True)
y = w**2
z = y**2  # z = w⁴
(dz_dw,) = torch.autograd.grad(z, w)  # 4·w³
print("dz/dw =", dz_dw.item())
try:
    torch.autograd.grad(y, w)  # 같은 그래프로 두 번째 계산
except RuntimeError as error:
    print(describe(error))

y = w**2
z = y**2
# retain_graph=True: 그래프를 남겨 둡니다
(dy_dw,) = torch.autograd.grad(y, w, retain_graph=True)
(dz_dw,) = torch.autograd.grad(z, w)
print("dy/dw =", dy_dw.item(), "/ dz/dw =", dz_dw.item())
# --8<-- [end:persistent]

# --8<-- [start:accumulate]
weight = torch.tensor(1.0, requires_grad=True)
for i in range(1, 4):
    loss = (3.0 * weight) ** 2  # 기울기 18·w
    loss.backward()  # .grad에 더해집니다
    print(f"{i}번째: weight.grad {weight.grad:.1f}")

with torch.no_grad():  # 갱신은 기록하지 않습니다
    weight -= 0.01 * weight.grad  # 제자리 갱신
weight.grad.zero_()  # 다음 계산 전에 비웁니다
print(f"갱신 뒤 weight = {weight:.4f}, grad = {weight.grad:.1f}")
try:
    weight -= 0.01  # no_grad 밖에서 제자리 갱신
except RuntimeError as error:
    print(describe(error))
# --8<-- [end:accumulate]

# --8<-- [start:step]
from data import B_INIT, LEARNING_RATE, W_INIT, X, Y

x, y = torch.from_numpy(X), torch.from_numpy(Y)  # float32
W = torch.tensor(W_INIT, requires_grad=True)  # float32
b = torch.tensor(B_INIT, requires_grad=True)


def train_step():
    # 평균제곱오차
    loss = torch.mean(torch.square(W * x + b - y))
    loss.backward()  # W.grad, b.grad에 더해집니다
    with torch.no_grad():
        W.sub_(LEARNING_RATE * W.grad)  # W ← W − lr·dW
        b.sub_(LEARNING_RATE * b.grad)
    W.grad.zero_()  # 비우지 않으면 다음 단계에 더해짐
    b.grad.zero_()
    return loss  # 갱신 전의 손실


# --8<-- [end:step]

# --8<-- [start:fit]
import matplotlib.pyplot as plt

from data import B_BEST, LOG_STEPS, STEPS, W_BEST, plot_fit

history = []  # 단계마다 (W, b, 손실)
print("단계       W       b    손실")
for step in range(1, STEPS + 1):
    loss = train_step()
    W_now, b_now = W.item(), b.item()
    history.append((W_now, b_now, loss.item()))
    if step in LOG_STEPS:
        print(f"{step:4d}  {W_now:6.4f}  {b_now:6.4f}  {loss:.4f}")
print(f"최소제곱 해: W = {W_BEST:.4f}, b = {B_BEST:.4f}")

plot_fit(history, "PyTorch")
plt.show()
# --8<-- [end:fit]
